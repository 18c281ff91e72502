// claimcheck serve: progressive enhancement only; every page works without this script.
(function () {
  "use strict";

  // After a check, move focus to the help banner if there is one, else to the results or the error, so
  // keyboard and screen-reader users start where the answer is.
  function focusAnswer() {
    var ids = ["safety-banner", "results", "error"];
    for (var i = 0; i < ids.length; i++) {
      var el = document.getElementById(ids[i]);
      if (el) {
        el.setAttribute("tabindex", "-1");
        el.focus();
        return;
      }
    }
  }

  function busyOnSubmit(formId, words) {
    var form = document.getElementById(formId);
    if (!form) { return; }
    form.addEventListener("submit", function () {
      var status = form.querySelector("[role=status]");
      if (status) { status.textContent = words; }
    });
  }

  // A running batch job: poll its status, move the progress bar, reload when it is finished.
  function pollJob() {
    var box = document.getElementById("job");
    if (!box || !box.dataset.job) { return; }
    var bar = document.getElementById("job-progress");
    var status = document.getElementById("job-status");
    var id = box.dataset.job;
    function tick() {
      fetch("/v1/batch/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (!job.progress || job.status === "done" || job.status === "failed") {
            window.location.reload();
            return;
          }
          var pct = Math.round(job.progress.fraction * 100);
          bar.value = pct;
          bar.textContent = pct + "%";
          status.textContent = pct + "% done, " + job.progress.messages_read + " messages read.";
          window.setTimeout(tick, 700);
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    window.setTimeout(tick, 300);
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusAnswer();
    busyOnSubmit("check-form", "Checking\u2026");
    busyOnSubmit("batch-form", "Uploading\u2026");
    pollJob();
  });
}());
