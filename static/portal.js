// Starts the GOV.UK Frontend components. Loaded as a module, so old browsers get the plain page.
import { initAll } from "./build/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
