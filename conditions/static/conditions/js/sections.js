// Sections in the order patients read them: a new section's position is the next number, and
// "Move up" / "Move down" swap a section's position with its neighbour's. The rows are shown
// in position order, so what the editor sees is the order that will be saved.

const ROW = ".inline-related:not(.empty-form)";

export function keepSectionsInOrder(group) {
  if (!group) return;
  for (const row of rows(group)) addMoveButtons(row);
  document.addEventListener("formset:added", (event) => {
    if (event.detail.formsetName !== "sections") return;
    const others = rows(group).filter((row) => row !== event.target);
    const highest = Math.max(0, ...others.map((row) => Number(position(row).value) || 0));
    position(event.target).value = String(highest + 1);
    addMoveButtons(event.target);
  });
  group.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-move]");
    if (button) move(group, button);
  });
  // Django's "remove" of a new row renames every row after it in the page's order, which must
  // be the forms' own order (saved rows first): put them back for it, and in position order after.
  group.addEventListener(
    "click",
    (event) => {
      if (event.target.closest(".inline-deletelink")) arrange(group, byFormIndex);
    },
    true,
  );
  document.addEventListener("formset:removed", (event) => {
    if (event.detail.formsetName === "sections") setTimeout(() => arrange(group, byPosition), 0);
  });
}

function rows(group) {
  return [...group.querySelectorAll(ROW)];
}

function position(row) {
  return row.querySelector("input[name$='-position']");
}

function heading(row) {
  const input = row.querySelector("input[name$='-heading']");
  return (input && input.value.trim()) || "without a heading";
}

function addMoveButtons(row) {
  const title = row.querySelector("h3");
  if (!title || title.querySelector(".section-move")) return;
  const buttons = document.createElement("span");
  buttons.className = "section-moves";
  for (const [step, word, arrow] of [[-1, "up", "↑"], [1, "down", "↓"]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "section-move";
    button.dataset.move = String(step);
    button.textContent = `${arrow} Move ${word}`;
    buttons.append(button);
  }
  title.append(buttons);
  label(row);
  row.addEventListener("input", () => label(row));
}

function label(row) {
  for (const button of row.querySelectorAll(".section-move")) {
    const word = button.dataset.move === "-1" ? "up" : "down";
    button.setAttribute("aria-label", `Move section “${heading(row)}” ${word}`);
  }
}

function move(group, button) {
  const order = rows(group);
  const row = button.closest(ROW);
  const neighbour = order[order.indexOf(row) + Number(button.dataset.move)];
  if (!neighbour) return;
  if (position(row).value === position(neighbour).value) {
    order.forEach((each, index) => {
      position(each).value = String(index + 1);
    });
  }
  const mine = position(row).value;
  position(row).value = position(neighbour).value;
  position(neighbour).value = mine;
  for (const each of [row, neighbour]) {
    position(each).dispatchEvent(new Event("change", { bubbles: true }));
  }
  arrange(group, byPosition);
  button.focus(); // moving the row took the focus away
}

const byPosition = (a, b) => (Number(position(a).value) || 0) - (Number(position(b).value) || 0);
const byFormIndex = (a, b) => Number(a.id.split("-").pop()) - Number(b.id.split("-").pop());

function arrange(group, order) {
  const current = rows(group);
  if (!current.length) return;
  const after = current[current.length - 1].nextSibling;
  const parent = current[0].parentNode;
  for (const row of [...current].sort(order)) parent.insertBefore(row, after);
}
