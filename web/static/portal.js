// The portal's only script: upload progress on the staff upload form,
// polling of the extraction status page, and the proof-of-work challenge of
// the citizen submission form. Pages work without it; the
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

// SHA-256 of an ASCII string as lower-case hex (FIPS 180-4). The challenge
// needs it on plain HTTP too, where crypto.subtle is not available.
const SHA256_K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function sha256Hex(text) {
  const length = text.length;
  const blocks = ((length + 8) >> 6) + 1;
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < length; i++)
    words[i >> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
  words[length >> 2] |= 0x80 << (24 - (length % 4) * 8);
  words[blocks * 16 - 1] = length * 8;
  const hash = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotate = (x, n) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        w[t] = words[block * 16 + t];
      } else {
        const s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        const s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
      }
    }
    let [a, b, c, d, e, f, g, h] = hash;
    for (let t = 0; t < 64; t++) {
      const t1 = h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t] + w[t];
      const t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    const next = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++)
      hash[i] = (hash[i] + next[i]) >>> 0;
  }
  return Array.from(hash, (x) => x.toString(16).padStart(8, "0")).join("");
}

function leadingZeroBits(hex) {
  let bits = 0;
  for (const digit of hex) {
    const nibble = parseInt(digit, 16);
    if (nibble !== 0)
      return bits + Math.clz32(nibble) - 28;
    bits += 4;
  }
  return bits;
}

// Finds a counter whose SHA-256("NONCE:COUNTER") starts with `bits` zero
// bits, in slices so the page stays responsive, then sends the form. The
// arithmetic question is then not needed.
function watchChallenge(form) {
  const nonce = form.dataset.challengeNonce;
  const bits = Number(form.dataset.challengeBits);
  const solution = form.querySelector("input[name=challenge_solution]");
  const question = form.querySelector(".challenge-question");
  const status = form.querySelector(".challenge-status");
  const answer = form.querySelector("#challenge_answer");
  question.hidden = true;
  answer.required = false;
  let solving = false;
  form.addEventListener("submit", (event) => {
    if (solution.value !== "")
      return;
    event.preventDefault();
    if (solving)
      return;
    solving = true;
    status.hidden = false;
    status.textContent = form.dataset.solving;
    let counter = 0;
    const slice = () => {
      for (const end = counter + 20000; counter < end; counter++) {
        if (leadingZeroBits(sha256Hex(nonce + ":" + counter)) >= bits) {
          solution.value = String(counter);
          form.submit();
          return;
        }
      }
      window.setTimeout(slice, 0);
    };
    slice();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  if (form)
    watchUpload(form);
  const section = document.getElementById("extraction");
  if (section)
    watchExtraction(section);
  const submitForm = document.getElementById("submit-form");
  if (submitForm && submitForm.dataset.challengeNonce)
    watchChallenge(submitForm);
});
