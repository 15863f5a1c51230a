// The live preview of policyc serve: reloads the page when the policy it
// shows changes on disk. The server pushes the ids of the changed policies
// over Server-Sent Events; "*" means that every page changed (the list of
// errors, or the set of policies). Pages without a policy (the index, the
// error page, a YAML file) reload on any change.
(() => {
  const policy = document.currentScript.dataset.policy;
  const hide = document.getElementById("policyc-errors-hide");
  if (hide) {
    hide.addEventListener("click", () => { hide.parentElement.hidden = true; });
  }
  const events = new EventSource("/_policyc/events");
  let lost = false;
  events.addEventListener("reload", (e) => {
    const ids = e.data.split(" ");
    if (policy === "" || ids.includes("*") || ids.includes(policy)) {
      location.reload();
    }
  });
  // After policyc serve restarts, the page may be older than the YAML.
  events.addEventListener("error", () => { lost = true; });
  events.addEventListener("open", () => { if (lost) location.reload(); });
})();
