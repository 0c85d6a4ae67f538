// Legwell's one small script. After htmx swaps in new content, move focus to
// the element that asks for it (a new question's heading, a results
// caption), so keyboard and screen reader users land on what changed.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.elt.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});

// The questionnaire with htmx: each step becomes an entry in the tab's own
// history, whose state holds that step as it was left (its HTML, with the
// answers chosen on it and carried from earlier steps), so the browser's Back
// and Forward buttons move between steps. The state stays with the tab's
// history: it never goes into the URL, a cookie, browser storage or a request.
(function () {
  function step() {
    return document.getElementById("questionnaire");
  }

  function snapshot() {
    var region = step();
    region.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (input) {
      input.toggleAttribute("checked", input.checked);
    });
    return { legwellStep: region.outerHTML, title: document.title };
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (step() && step().contains(event.detail.elt)) {
      history.replaceState(snapshot(), "");
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.elt === step()) {
      history.pushState(snapshot(), "");
    }
  });

  window.addEventListener("popstate", function (event) {
    if (!step() || !event.state || !event.state.legwellStep) {
      return;
    }
    step().outerHTML = event.state.legwellStep;
    document.title = event.state.title;
    htmx.process(step());
    var heading = step().querySelector("[data-focus-after-swap], h1");
    if (heading) {
      heading.focus();
    }
  });
})();
