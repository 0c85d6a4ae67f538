// Legwell's one small script. After htmx swaps in new content, move focus to
// the element that asks for it (a new question's heading, a results
// caption), so keyboard and screen reader users land on what changed.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.elt.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});

// The header search box is a combobox (the WAI-ARIA list autocomplete pattern):
// htmx fills its listbox as one types; Down and Up move through the options,
// Enter opens the chosen one (or searches, with none chosen), Escape closes it.
function choose(box, index) {
  var list = document.getElementById(box.getAttribute("aria-controls"));
  var options = list ? list.querySelectorAll('[role="option"]') : [];
  for (var i = 0; i < options.length; i++) {
    options[i].setAttribute("aria-selected", i === index ? "true" : "false");
  }
  if (options[index]) {
    box.setAttribute("aria-activedescendant", options[index].id);
  } else {
    box.removeAttribute("aria-activedescendant");
  }
  return options;
}

function openList(box, open) {
  var list = document.getElementById(box.getAttribute("aria-controls"));
  var show = open && !!list && list.querySelector('[role="option"]') !== null;
  if (list) list.hidden = !show;
  box.setAttribute("aria-expanded", show ? "true" : "false");
  choose(box, -1);
}

document.addEventListener("htmx:afterSwap", function (event) {
  var box = document.querySelector('[role="combobox"][aria-controls="' + event.detail.target.id + '"]');
  if (box) openList(box, document.activeElement === box && box.value.trim() !== "");
});

document.addEventListener("keydown", function (event) {
  var box = event.target;
  if (!box.getAttribute || box.getAttribute("role") !== "combobox") return;
  var list = document.getElementById(box.getAttribute("aria-controls"));
  var options = list.querySelectorAll('[role="option"]');
  var active = document.getElementById(box.getAttribute("aria-activedescendant") || "-");
  var index = Array.prototype.indexOf.call(options, active);
  if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length) {
    event.preventDefault();
    if (list.hidden) openList(box, true);
    var last = options.length - 1;
    if (event.key === "ArrowDown") {
      choose(box, index >= last ? 0 : index + 1);
    } else {
      choose(box, index <= 0 ? last : index - 1);
    }
  } else if (event.key === "Enter" && active) {
    event.preventDefault();
    window.location.href = active.getAttribute("data-href");
  } else if (event.key === "Escape" && !list.hidden) {
    event.preventDefault();
    openList(box, false);
  }
});

document.addEventListener("mousedown", function (event) {
  var option = event.target.closest && event.target.closest('.search-suggestions [role="option"]');
  if (option) {
    event.preventDefault(); // keep focus in the box until the page changes
    window.location.href = option.getAttribute("data-href");
  }
});

document.addEventListener("focusout", function (event) {
  if (event.target.getAttribute && event.target.getAttribute("role") === "combobox") openList(event.target, false);
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
