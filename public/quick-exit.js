// Quick exit: leave for the neutral site by replacing this page in the history, so Back
// does not come straight back to it. Without JavaScript the link still works (the server
// ends the session and redirects); this only makes the history cleaner.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.quick-exit") : null;
    if (!link) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.replace(link.href);
  },
  true,
);

// A page brought back from the back-forward cache after a quick exit or sign-out would show
// what was on screen then: ask the server again instead (it answers without the session).
window.addEventListener("pageshow", (event) => {
  if (event.persisted) location.reload();
});
