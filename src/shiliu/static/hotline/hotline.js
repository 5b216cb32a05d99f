// The hotline desk: the incoming-calls panel is polled every two seconds (htmx).
// - Swapping in the same list again would take the keyboard focus off a button the operator
//   is on, so an answer identical to the last one (CSRF tokens aside: they differ every time)
//   is not swapped.
// - When the session has ended, the poll is answered by the sign-in page: reload the whole
//   page instead of putting a sign-in form inside the panel.
(function () {
  "use strict";
  var last = null;
  function comparable(html) {
    return (html || "").replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "");
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var xhr = event.detail.xhr;
    if (!target || target.id !== "incoming" || !xhr) {
      return;
    }
    if (xhr.responseURL && xhr.responseURL.indexOf(target.getAttribute("hx-get")) === -1) {
      event.detail.shouldSwap = false;
      window.location.reload();
      return;
    }
    if (xhr.status !== 200) {
      return;
    }
    var answer = comparable(event.detail.serverResponse);
    if (last === answer) {
      event.detail.shouldSwap = false;
    }
    last = answer;
  });
})();
