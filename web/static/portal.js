// The portal's only script: upload progress on the staff upload form and
// polling of the extraction status page. Pages work without it; the
// Content-Security-Policy allows no inline script, so it lives here.
"use strict";

function watchUpload(form) {
  const box = form.querySelector(".upload-progress");
  const bar = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    box.hidden = false;
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable)
        bar.value = Math.round((progress.loaded / progress.total) * 100);
    });
    request.addEventListener("load", () => {
      if (request.status === 200 && request.responseURL.indexOf("/extraction") !== -1) {
        bar.value = 100;
        status.textContent = status.dataset.done;
        window.location.assign(request.responseURL);
        return;
      }
      // The server answers an error page; show its message in place.
      const page = new DOMParser().parseFromString(request.responseText, "text/html");
      const message = page.getElementById("error-message");
      status.textContent = message ? message.textContent : status.dataset.failed;
    });
    request.addEventListener("error", () => {
      status.textContent = status.dataset.failed;
    });
    request.send(new FormData(form));
  });
}

function renderFiles(body, files) {
  body.replaceChildren();
  for (const file of files) {
    const row = document.createElement("tr");
    const name = document.createElement("td");
    name.textContent = file.name;
    name.dir = "auto";
    const state = document.createElement("td");
    state.className = "status status--" + file.status;
    state.textContent = file.status_label + (file.done ? " (" + file.pages_text + ")" : "");
    const error = document.createElement("td");
    error.dir = "ltr";
    error.textContent = file.error;
    row.append(name, state, error);
    body.append(row);
  }
}

function watchExtraction(section) {
  const bar = document.getElementById("extraction-progress");
  const queue = document.getElementById("queue-text");
  const body = document.getElementById("extraction-files");
  const poll = () => {
    fetch(section.dataset.statusUrl, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((status) => {
        const finished = status.files.filter((file) => file.status !== "pending").length;
        bar.max = Math.max(1, status.files.length);
        bar.value = finished;
        renderFiles(body, status.files);
        queue.textContent = status.done ? section.dataset.doneText : status.queue_text;
        if (!status.done)
          window.setTimeout(poll, 2000);
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  if (form)
    watchUpload(form);
  const section = document.getElementById("extraction");
  if (section)
    watchExtraction(section);
});
