// Checks a figure as it is typed on the entry and target pages: the rating it would get and
// the warnings to check it by. The server's rules are the truth (indicators/rag.py and
// indicators/checks.py); this runs them again from the terms the server puts beside each
// figure, and tests/test_figure_checks.py runs both over a table of cases to see they agree.
// Figures are read as the server reads them and counted in ten-thousandths, as it stores
// them, in whole numbers (BigInt), so a rating on a band's very edge comes out the same.
// Where this cannot read a figure as the server would, it shows nothing: saving says why.

const SCALE = 10000n;
const LARGEST = 99999999999999n; // 9999999999.9999, the largest figure stored
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const LABELS = {
  over_performing: "Over-performing", green: "Green", amber: "Amber", red: "Red",
  awaiting_data: "Awaiting data", target_not_set: "Target not set", not_rated: "Cannot be rated",
};
const COLOURS = { over_performing: "blue", green: "green", amber: "yellow", red: "red" };

const abs = (n) => (n < 0n ? -n : n);

// The figure `text` states, in ten-thousandths, rounded half to even as the server rounds
// it; null for a blank; undefined for anything else.
export function parseFigure(text) {
  let written = String(text ?? "").trim();
  if (!written) return null;
  written = written.replace(/%$/, "").trim();
  if (written.includes(",")) {
    if (!THOUSANDS.test(written)) return undefined;
    written = written.replaceAll(",", "");
  }
  const match = NUMBER.exec(written);
  if (!match || (!match[2] && !match[3])) return undefined;
  const [, sign, whole, fraction = ""] = match;
  let value = BigInt((whole || "0") + fraction.padEnd(4, "0").slice(0, 4));
  const rest = fraction.slice(4);
  if (rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || value % 2n === 1n))) {
    value += 1n;
  }
  if (value > LARGEST || (sign === "-" && value === 0n)) return undefined;
  return sign === "-" ? -value : value;
}

// A figure as the server writes it in words: 5.3, not 5.3000.
function plain(value) {
  const digits = abs(value).toString().padStart(5, "0");
  const fraction = digits.slice(-4).replace(/0+$/, "");
  return `${value < 0n ? "-" : ""}${digits.slice(0, -4)}${fraction ? `.${fraction}` : ""}`;
}

// num / den (both positive) to `places` decimal places, rounded half to even.
function fixed(num, den, places) {
  const scaled = num * 10n ** BigInt(places);
  let whole = scaled / den;
  const twice = (scaled % den) * 2n;
  if (twice > den || (twice === den && whole % 2n === 1n)) whole += 1n;
  const digits = whole.toString().padStart(places + 1, "0");
  return places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
}

function assessment(outcome, explanation) {
  const label = LABELS[outcome];
  // checks.beside_badge: what the explanation says beyond the badge's name.
  const detail = explanation.startsWith(`${label}: `) ? explanation.slice(label.length + 2) : "";
  return { outcome, label, colour: COLOURS[outcome] || "grey", explanation, detail };
}

// rag.rate: an actual against its target, both in ten-thousandths or null.
export function rate(actual, target, { lowerIsBetter, bands, unitSuffix }) {
  if (actual === null) return assessment("awaiting_data", "Awaiting data: no actual entered yet");
  if (target === null) return assessment("target_not_set", "Target not set for this period");
  const targetText = `target of ${plain(target)}${unitSuffix}, ${lowerIsBetter ? "lower" : "higher"} is better`;
  if (target === 0n) {
    return assessment("not_rated", `Cannot be rated: a ${targetText} has no relative deviation`);
  }
  // The deviation d = num / den percent, turned so that positive is better.
  const num = (lowerIsBetter ? target - actual : actual - target) * 100n;
  const den = abs(target);
  const [over, green, amber] = bands.map(parseFigure);
  const beyond = (band) => num * SCALE - band * den; // > 0: d > band
  let outcome = "red";
  if (beyond(over) > 0n) outcome = "over_performing";
  else if (beyond(green) >= 0n) outcome = "green";
  else if (beyond(amber) >= 0n) outcome = "amber";
  const how = num === 0n ? "on" : `${fixed(abs(num), den, 1)}% ${num > 0n ? "better" : "worse"} than`;
  return assessment(outcome, `${LABELS[outcome]}: ${how} ${targetText}`);
}

// checks.warnings: what to ask the officer to check about `value`, in words.
export function warnings(value, terms) {
  if (value === null) return [];
  const found = [];
  if (terms.percent && (value < 0n || value > 100n * SCALE)) {
    found.push("This percentage is outside 0 to 100: check it is right.");
  }
  const limit = parseFigure(terms.limit);
  for (const comparison of terms.comparisons) {
    const base = parseFigure(comparison.value);
    if (base === 0n) continue;
    const num = (value - base) * 100n; // the change is num / |base| percent
    if (abs(num) * SCALE > limit * abs(base)) {
      found.push(`${fixed(abs(num), abs(base), 1)}% ${num > 0n ? "higher" : "lower"} than ` +
        `${comparison.label} (${comparison.period}: ${comparison.shown}): check it is right.`);
    }
  }
  return found;
}

// checks.rating and checks.warnings together: what to show for `value` (from parseFigure).
export function check(value, terms) {
  const given = terms.rating;
  let rating = null;
  if (given && terms.typed === "actual") {
    if (value !== parseFigure(given.saved)) rating = rate(value, parseFigure(given.target), given);
  } else if (given) {
    rating = rate(parseFigure(given.actual), value, given);
  }
  return { rating, warnings: warnings(value, terms) };
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

// The same markup as templates/indicators/_figure_check.html.
function show(output, { rating, warnings: found }) {
  const parts = [];
  if (rating) {
    const line = element("p", "govuk-body-s app-figure-check__rating", `${output.dataset.ratingPrefix} `);
    const tag = element("strong", `govuk-tag govuk-tag--${rating.colour} app-rating`, rating.label);
    tag.title = rating.explanation;
    line.append(tag);
    if (rating.detail) line.append(` ${rating.detail}`);
    parts.push(line);
  }
  for (const warning of found) {
    const box = element("div", "govuk-warning-text app-figure-check__warning");
    const icon = element("span", "govuk-warning-text__icon", "!");
    icon.setAttribute("aria-hidden", "true");
    const text = element("strong", "govuk-warning-text__text");
    const about = output.dataset.about ? `${output.dataset.about}: ` : "";
    text.append(element("span", "govuk-visually-hidden", "Warning"), ` ${about}${warning}`);
    box.append(icon, text);
    parts.push(box);
  }
  output.replaceChildren(...parts);
}

// Each output (data-figure-terms) follows the box it names (data-figure-input), if it has
// one: a closed period's target is shown without one.
export function startFigureChecks(root) {
  for (const output of root.querySelectorAll("[data-figure-terms]")) {
    const input = document.getElementById(output.dataset.figureInput);
    if (!input) continue;
    const terms = JSON.parse(output.dataset.figureTerms);
    input.addEventListener("input", () => {
      const value = parseFigure(input.value);
      show(output, value === undefined ? { rating: null, warnings: [] } : check(value, terms));
    });
  }
}
