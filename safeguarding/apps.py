from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry, Panel


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"
    menu = [
        MenuEntry(label="Safeguarding", url_name="safeguarding:update_list", order=60),
        # Offered only inside the wall: to anyone else the register is a missing page. (A role
        # by its value: models cannot be imported while apps load.)
        MenuEntry(label="Review register", url_name="safeguarding:review_list",
                  roles=frozenset({"safeguarding_lead"}), order=65),
        MenuEntry(label="Star Chamber", url_name="safeguarding:request_list", order=70),
    ]
    # Only inside the wall: safeguarding leads, and administrators, who record the Star
    # Chamber's decisions; its build checks the wall too.
    panels = [Panel(template="safeguarding/panels/work.html",
                    build="safeguarding.panels.safeguarding_work",
                    roles=frozenset({"safeguarding_lead", "administrator"}), order=50)]
