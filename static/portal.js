// Starts the GOV.UK Frontend components. Loaded as a module, so old browsers get the plain page.
import { initAll } from "./build/govuk/govuk-frontend.min.js";
import { startFigureChecks } from "./figure-checks.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// On the entry and target pages, the rating and warnings of each figure follow its typing.
startFigureChecks(document);

// While a pack is publishing, check its progress every two seconds and show the pack when done.
const packProgress = document.querySelector("[data-progress-url]");
if (packProgress) {
  const status = packProgress.querySelector("[data-progress-status]");
  const message = packProgress.querySelector("[data-progress-message]");
  const check = async () => {
    const response = await fetch(packProgress.dataset.progressUrl, { headers: { Accept: "application/json" } });
    const progress = await response.json();
    status.textContent = progress.status_label;
    message.textContent = progress.progress;
    if (progress.status === "published") {
      window.location.reload();
    } else if (progress.status !== "failed") {
      window.setTimeout(check, 2000);
    }
  };
  window.setTimeout(check, 2000);
}
