// Legwell's one small script. After htmx swaps in new content, move focus to
// the element that asks for it (a new question's heading, a results
// caption), so keyboard and screen reader users land on what changed.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.elt.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});
