// Keeps scores and answers given without signal, and sends them when the phone is back
// online: at once if it can, on the `online` event, and every time the app starts (so a
// closed and reopened tab still sends them).
//
// Rules this file keeps (issue 5):
// - "Saved on this phone" is shown only after the IndexedDB transaction has committed.
// - An item is removed only after the server answered: 2xx means stored (the server keeps
//   an idempotency key, so a resend after a lost answer is stored once); a 4xx other than
//   401/408/429 means the server refused it for good, and the person is told.
// - Queued items are the only personal data kept on the phone. They are encrypted with an
//   AES-GCM key that cannot be exported (WebCrypto), kept in the same database, and the
//   database is deleted at sign-out (the server also sends Clear-Site-Data).
// Forms opt in with `data-queue`. Online, they go through the app as usual.
//
// Drafts (issue 6): words typed and answers chosen in a form marked `data-draft` are kept on
// the phone (so no time-out, closed tab or crash loses a half-done questionnaire), with
// the same encryption, as they are typed, and put back if the page is opened again before
// they were saved (a closed tab, a crash, a save that never arrived). A draft is dropped
// when the server accepts the form (the app's request, or the queue's resend), when the
// page already shows those words, or when it was sent and the page has changed since it
// was begun.

const DB_NAME = "waypoint-queue";
const ITEMS = "items";
const KEYS = "keys";
const DRAFTS = "drafts";

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("aborted"));
  });
}

function openDb() {
  const req = indexedDB.open(DB_NAME, 2);
  req.onupgradeneeded = (event) => {
    if (event.oldVersion < 1) {
      req.result.createObjectStore(ITEMS, { keyPath: "key" });
      req.result.createObjectStore(KEYS);
    }
    if (event.oldVersion < 2) req.result.createObjectStore(DRAFTS);
  };
  return request(req);
}

async function cryptoKey(db) {
  const existing = await request(db.transaction(KEYS).objectStore(KEYS).get("aes"));
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  const tx = db.transaction(KEYS, "readwrite");
  tx.objectStore(KEYS).put(key, "aes");
  await committed(tx);
  return key;
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function enqueue(url, body) {
  const db = await openDb();
  const key = await cryptoKey(db);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify({ url, body, page: location.pathname }));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plain);
  const idempotency = new URLSearchParams(body).get("key");
  const tx = db.transaction(ITEMS, "readwrite");
  tx.objectStore(ITEMS).put({ key: idempotency, iv, data, created: Date.now() });
  await committed(tx);
  db.close();
}

async function pending() {
  const db = await openDb();
  const items = await request(db.transaction(ITEMS).objectStore(ITEMS).getAll());
  const key = items.length ? await cryptoKey(db) : null;
  return { db, key, items: items.sort((a, b) => a.created - b.created) };
}

async function remove(db, id) {
  const tx = db.transaction(ITEMS, "readwrite");
  tx.objectStore(ITEMS).delete(id);
  await committed(tx);
}

let sending = false;

// Sends everything queued, oldest first. Returns what happened, for the status line.
async function replay() {
  if (sending || !navigator.onLine) return;
  sending = true;
  let sent = 0;
  let refused = 0;
  let waiting = 0;
  let clashed = 0;
  let reloadPage = false;
  try {
    const { db, key, items } = await pending();
    for (const item of items) {
      let plain;
      try {
        const bytes = await crypto.subtle.decrypt({ name: "AES-GCM", iv: item.iv }, key, item.data);
        plain = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        await remove(db, item.key); // unreadable: nothing can ever send it
        refused++;
        continue;
      }
      let response;
      try {
        response = await fetch(plain.url, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
          },
          body: plain.body,
        });
      } catch {
        waiting = items.length - sent - refused;
        break; // still offline: keep this one and the rest, in order
      }
      const final = response.ok || (response.status >= 400 && response.status < 500 &&
        ![401, 408, 429].includes(response.status));
      if (!final) {
        waiting = items.length - sent - refused;
        break;
      }
      await remove(db, item.key);
      // A plan edit that clashed with someone else's is kept on the server for its writer.
      if (response.status === 409) clashed++;
      if (response.ok) {
        sent++;
        await dropDraftsOf(plain.page).catch(() => {});
      }
      else refused++;
      if (plain.page === location.pathname) reloadPage = true;
    }
    db.close();
  } finally {
    sending = false;
  }
  if (sent || refused || waiting) show({ sent, refused, waiting, clashed });
  if (reloadPage && !waiting) {
    // The page shows what the server has: read it again now that the score is there.
    setTimeout(() => location.reload(), 1200);
  }
}

function statusLine() {
  let line = document.getElementById("queue-status");
  if (!line) {
    line = document.createElement("p");
    line.id = "queue-status";
    line.className = "queue-status";
    line.setAttribute("role", "status");
    const main = document.getElementById("main") || document.body;
    main.prepend(line);
  }
  return line;
}

// What this script says, in the page's language (`<html lang>`): the app's catalogue is
// not loaded here, because this must work when the app's code never arrives.
const WORDS = {
  en: {
    waiting: "Saved on this phone. It will send when you are online.",
    clashed:
      "Someone else changed the plan while you were offline. Your words are kept: open the target to compare them and save again.",
    refused: "Something you saved on this phone could not be sent. Please tell your worker and answer again.",
    sent: "Sent. Everything saved on this phone has now been sent.",
    unsaved: "This phone could not save your answer. Please try again when you are online.",
    restored: "Your words from last time are back. Save them when you are ready.",
  },
  cy: {
    waiting: "Wedi'i gadw ar y ffôn hwn. Bydd yn anfon pan fyddi di ar-lein.",
    clashed:
      "Mae rhywun arall wedi newid y cynllun tra oeddet ti all-lein. Mae dy eiriau wedi'u cadw: agor y targed i'w cymharu a'u cadw eto.",
    refused: "Doedd dim modd anfon rhywbeth a gadwaist ti ar y ffôn hwn. Dywed wrth dy weithiwr ac ateb eto.",
    sent: "Wedi anfon. Mae popeth a gadwyd ar y ffôn hwn wedi'i anfon nawr.",
    unsaved: "Doedd y ffôn hwn ddim yn gallu cadw dy ateb. Rho gynnig arall arni pan fyddi di ar-lein.",
    restored: "Mae dy eiriau o'r tro diwethaf yn ôl. Cadwa nhw pan fyddi di'n barod.",
  },
  // A parent's languages (their pages only; not yet reviewed by fluent speakers).
  pl: {
    waiting: "Zapisano na tym telefonie. Wyśle się, gdy będziesz online.",
    clashed:
      "Ktoś inny zmienił plan, gdy byłeś/byłaś offline. Twoje słowa są zachowane: otwórz cel, porównaj je i zapisz ponownie.",
    refused: "Nie udało się wysłać czegoś zapisanego na tym telefonie. Powiedz o tym pracownikowi i odpowiedz ponownie.",
    sent: "Wysłano. Wszystko zapisane na tym telefonie zostało wysłane.",
    unsaved: "Ten telefon nie mógł zapisać twojej odpowiedzi. Spróbuj ponownie, gdy będziesz online.",
    restored: "Twoje słowa z poprzedniego razu wróciły. Zapisz je, gdy będziesz gotowy/gotowa.",
  },
  ro: {
    waiting: "Salvat pe acest telefon. Se va trimite când sunteți online.",
    clashed:
      "Altcineva a schimbat planul cât ați fost offline. Cuvintele dumneavoastră sunt păstrate: deschideți obiectivul, comparați-le și salvați din nou.",
    refused: "Ceva salvat pe acest telefon nu a putut fi trimis. Spuneți-i lucrătorului și răspundeți din nou.",
    sent: "Trimis. Tot ce era salvat pe acest telefon a fost trimis.",
    unsaved: "Acest telefon nu a putut salva răspunsul. Încercați din nou când sunteți online.",
    restored: "Cuvintele dumneavoastră de data trecută au revenit. Salvați-le când sunteți gata.",
  },
  ur: {
    waiting: "اس فون پر محفوظ ہو گیا۔ آن لائن ہوتے ہی بھیج دیا جائے گا۔",
    clashed:
      "آپ کے آف لائن ہوتے ہوئے کسی اور نے منصوبہ بدل دیا۔ آپ کے الفاظ محفوظ ہیں: ہدف کھولیں، انہیں ملائیں اور دوبارہ محفوظ کریں۔",
    refused: "اس فون پر محفوظ کی گئی کوئی چیز بھیجی نہیں جا سکی۔ براہ کرم اپنے کارکن کو بتائیں اور دوبارہ جواب دیں۔",
    sent: "بھیج دیا۔ اس فون پر محفوظ سب کچھ اب بھیج دیا گیا ہے۔",
    unsaved: "یہ فون آپ کا جواب محفوظ نہیں کر سکا۔ آن لائن ہونے پر دوبارہ کوشش کریں۔",
    restored: "پچھلی بار کے آپ کے الفاظ واپس آ گئے ہیں۔ جب تیار ہوں تو انہیں محفوظ کریں۔",
  },
};

function say(what) {
  const words = WORDS[document.documentElement.lang] || WORDS.en;
  return words[what];
}

function show({ sent = 0, refused = 0, waiting = 0, clashed = 0, saved = false }) {
  const line = statusLine();
  if (saved || waiting) {
    line.textContent = say("waiting");
    line.dataset.state = "waiting";
  } else if (clashed && clashed === refused) {
    line.textContent = say("clashed");
    line.dataset.state = "refused";
  } else if (refused) {
    line.textContent = say("refused");
    line.dataset.state = "refused";
  } else if (sent) {
    line.textContent = say("sent");
    line.dataset.state = "sent";
  }
}

document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.action && new URL(form.action, location.href).pathname.endsWith("/sign_out")) {
      indexedDB.deleteDatabase(DB_NAME);
      return;
    }
    if (!form.hasAttribute("data-queue") || navigator.onLine) return;
    // Offline: keep it on the phone instead of letting the request fail.
    event.preventDefault();
    event.stopImmediatePropagation();
    const body = new URLSearchParams(new FormData(form));
    body.set("key", newKey());
    enqueue(new URL(form.action, location.href).pathname, body.toString())
      .then(() => show({ saved: true }))
      .catch(() => {
        const line = statusLine();
        line.textContent = say("unsaved");
        line.dataset.state = "refused";
      });
  },
  true,
);

async function seal(value) {
  const db = await openDb();
  const key = await cryptoKey(db);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { db, sealed: { iv, data } };
}

async function putDraft(id, value) {
  const { db, sealed } = await seal(value);
  const tx = db.transaction(DRAFTS, "readwrite");
  tx.objectStore(DRAFTS).put(sealed, id);
  await committed(tx);
  db.close();
}

async function getDraft(id) {
  const db = await openDb();
  const sealed = await request(db.transaction(DRAFTS).objectStore(DRAFTS).get(id));
  if (!sealed) {
    db.close();
    return null;
  }
  try {
    const key = await cryptoKey(db);
    const bytes = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  } finally {
    db.close();
  }
}

async function dropDraft(id) {
  const db = await openDb();
  const tx = db.transaction(DRAFTS, "readwrite");
  tx.objectStore(DRAFTS).delete(id);
  await committed(tx);
  db.close();
}

// Every draft kept for a page (a queued form names the page it was sent from).
async function dropDraftsOf(page) {
  const db = await openDb();
  const tx = db.transaction(DRAFTS, "readwrite");
  tx.objectStore(DRAFTS).delete(IDBKeyRange.bound(`${page}#`, `${page}#\uffff`));
  await committed(tx);
  db.close();
}

// The app sends forms with fetch. When the server accepts one that has a draft, the draft
// has done its job.
const appFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const response = await appFetch(input, init);
  if (response.ok && (init?.method ?? input?.method ?? "GET").toUpperCase() === "POST") {
    const sent = new URL(typeof input === "string" || input instanceof URL ? input : input.url, location.href).pathname;
    for (const form of document.querySelectorAll("form[data-draft]")) {
      // The draft's name is taken now: by the time the queued removal runs, the app may
      // have moved on to another page (and another address).
      if (new URL(form.action, location.href).pathname === sent) {
        const id = draftId(form);
        inOrder(() => dropDraft(id));
      }
    }
  }
  return response;
};

function draftId(form) {
  return `${location.pathname}#${form.getAttribute("data-draft")}`;
}

// What the person typed and chose (a questionnaire's answers, a face), and what each part
// said when they began (the `was[…]` fields), so a restored draft is still checked against
// changes made by others meanwhile.
function draftFields(form) {
  const typed = {};
  const was = {};
  const chosen = {};
  for (const el of form.querySelectorAll("textarea[name]")) typed[el.name] = el.value;
  for (const el of form.querySelectorAll("input[type=hidden][name^='was[']")) was[el.name] = el.value;
  for (const el of form.querySelectorAll("input[type=radio][name], input[type=checkbox][name]")) {
    if (el.checked) (chosen[el.name] ||= []).push(el.value);
  }
  return { typed, was, chosen };
}

const drafts = new Map();

// Draft writes and removals happen in the order they were asked for (a save's "sent" mark
// must not land after the server's acceptance has removed the draft).
let draftOps = Promise.resolve();
function inOrder(op) {
  draftOps = draftOps.then(op).catch(() => {});
  return draftOps;
}

async function restoreDraft(form) {
  const id = draftId(form);
  const draft = await getDraft(id);
  if (!draft) return;
  const now = draftFields(form);
  // A draft from before choices were kept has none.
  const chosen = draft.chosen ?? now.chosen;
  const shown =
    Object.entries(draft.typed).every(([name, value]) => now.typed[name] === undefined || now.typed[name] === value) &&
    JSON.stringify(chosen) === JSON.stringify(now.chosen);
  const changedSince = Object.entries(draft.was).some(([name, value]) => now.was[name] !== undefined && now.was[name] !== value);
  if (shown || (draft.sent && changedSince)) {
    await dropDraft(id);
    return;
  }
  for (const el of form.elements) {
    if (el.type === "radio" || el.type === "checkbox") {
      el.checked = (chosen[el.name] ?? []).includes(el.value);
      continue;
    }
    if (el.name in draft.typed) el.value = draft.typed[el.name];
    if (el.name in draft.was) el.value = draft.was[el.name];
  }
  afterHydration(() => {
    const line = statusLine();
    line.textContent = say("restored");
    line.dataset.state = "waiting";
  });
}

// The status line is a new element in the page: adding it while the app is still taking
// over the server's HTML would trip hydration, so it waits (but not for ever: the app may
// never load on a very old phone).
function afterHydration(fn) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    fn();
  };
  const observer = new MutationObserver(() => {
    if (document.body.dataset.hydrated) once();
  });
  if (document.body.dataset.hydrated) return once();
  observer.observe(document.body, { attributes: true, attributeFilter: ["data-hydrated"] });
  setTimeout(once, 8000);
}

document.addEventListener("input", (event) => {
  const form = event.target.closest?.("form[data-draft]");
  if (!form) return;
  clearTimeout(drafts.get(form));
  drafts.set(
    form,
    setTimeout(() => {
      const id = draftId(form);
      const fields = draftFields(form);
      inOrder(() => putDraft(id, { ...fields, sent: false }));
    }, 300),
  );
});

document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-draft")) return;
    clearTimeout(drafts.get(form));
    const fields = draftFields(form);
    const id = draftId(form);
    inOrder(() => putDraft(id, { ...fields, sent: true }));
    // The form is posted as a page (pages are server HTML): the next page says whether the
    // server took it. Only the draft's name is kept meanwhile, never the words.
    if (!event.defaultPrevented) sessionStorage.setItem(SENT_DRAFT, id);
  },
  true,
);

// Back from a posted form: a page without an error means the server took it, so its draft
// has done its job; with an error, the draft stays and the words come back.
const SENT_DRAFT = "waypoint-draft-sent";
{
  const sent = sessionStorage.getItem(SENT_DRAFT);
  sessionStorage.removeItem(SENT_DRAFT);
  if (sent && !new URLSearchParams(location.search).has("error")) inOrder(() => dropDraft(sent));
}

// A number tapped before the app has taken over the page (a slow phone takes seconds):
// taking over redraws the scale and would clear the choice, so the last choice is kept here
// and, once the app is live, put back and announced, which sends it as a tap would. No time
// limit: if the app never loads, nothing clears the choice and "Save my score" sends it as
// a plain form.
let earlyChoice = null;
document.addEventListener(
  "change",
  (event) => {
    const input = event.target;
    if (document.body.dataset.hydrated || !(input instanceof HTMLInputElement) || !input.matches(".scale__input")) return;
    const first = earlyChoice === null;
    earlyChoice = input.id;
    if (!first) return;
    const observer = new MutationObserver(() => {
      if (!document.body.dataset.hydrated) return;
      observer.disconnect();
      const again = document.getElementById(earlyChoice);
      if (!again) return;
      again.checked = true;
      again.dispatchEvent(new Event("change", { bubbles: true }));
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-hydrated"] });
  },
  true,
);

window.addEventListener("online", () => replay());
if ("indexedDB" in window && window.crypto && crypto.subtle) {
  replay();
  pending()
    .then(({ db, items }) => {
      db.close();
      if (items.length && !navigator.onLine) afterHydration(() => show({ waiting: items.length }));
    })
    .catch(() => {});
  // In order, after any removal of a draft the server has just taken (above).
  for (const form of document.querySelectorAll("form[data-draft]")) inOrder(() => restoreDraft(form));
}

// Small forms marked data-inline ("I don't understand this") are sent without leaving the
// page, so nothing typed or chosen in the page around them is lost; the button is replaced
// by the form's data-done words. Without JavaScript they are plain forms.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-inline")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const submitter = event.submitter;
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(new FormData(form)),
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        const done = document.createElement("p");
        done.className = "notice explain-sent";
        done.setAttribute("role", "status");
        done.textContent = form.dataset.done || "";
        if (submitter) submitter.replaceWith(done);
        else form.append(done);
      })
      .catch(() => form.submit());
  },
  true,
);
