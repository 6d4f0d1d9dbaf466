// Reading age of what a young person reads (issue 18): every catalogue message on a young
// person's pages, in English, is scored with the Flesch–Kincaid grade (the `flesch-kincaid`
// and `syllable` packages) and must be at UK reading age 9 or below (US grade 4: a UK
// reading age is the grade plus five). Run by the test command; names every offender.
//
//   node end2end/reading-age.mjs            check, exit 1 on any offender
//   node end2end/reading-age.mjs --report   every message with its reading age
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";

const MAX_READING_AGE = 9;
// Formulas say little about a few words: a label of one or two words is checked as a
// sentence would be only from this many words up.
const MIN_WORDS = 4;

// The young person's pages' messages, by key prefix; staff wording on shared prefixes is
// left out by the words below.
const YOUNG_PERSON = [
  "me_", "voice_", "help_", "score_", "progress_", "questionnaire_", "join_", "unlock_",
  "pin_", "face_", "feeling_", "waiting_", "answers_", "read_", "explain_", "next_",
  "support_", "glossary_", "home_", "plan_my_", "new_phone_", "quick_exit",
];
const STAFF = ["_staff", "_their_", "_worker", "_entries", "_answered_by", "_record", "_action"];

const catalogue = JSON.parse(
  readFileSync(fileURLToPath(new URL("../app/locales/en.json", import.meta.url)), "utf8"),
);

export function readingAge(text) {
  const plain = text
    .replace(/\{\{[^}]*\}\}/g, "it") // a placeholder reads as a short word
    .replace(/<[^>]+>/g, " ")
    .replace(/[“”"()]/g, " ");
  // A label's last sentence often has no full stop ("… Score again").
  const stops = (plain.match(/[.!?:](\s|$)/g) || []).length;
  const sentences = Math.max(1, stops + (/[.!?:]\s*$/.test(plain) ? 0 : 1));
  // Words, not figures or signs ("10 = I know" is four words).
  const words = plain
    .split(/\s+/)
    .filter((w) => /[A-Za-z]/.test(w))
    .filter((w) => !/^[A-Z0-9-]{5,}$/.test(w)); // a code to copy ("ACDEF-GHJKM") is not read
  if (words.length < MIN_WORDS) return null;
  const syllables = words.reduce((n, w) => n + syllable(w.replace(/[^A-Za-z']/g, "") || "a"), 0);
  const grade = fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
  return Math.max(5, Math.round((grade + 5) * 10) / 10);
}

const checked = Object.entries(catalogue)
  .filter(([key]) => YOUNG_PERSON.some((p) => key.startsWith(p)))
  .filter(([key]) => !STAFF.some((s) => key.includes(s)))
  .map(([key, text]) => ({ key, text, age: readingAge(text) }))
  .filter((m) => m.age !== null);

const offenders = checked.filter((m) => m.age > MAX_READING_AGE).sort((a, b) => b.age - a.age);
if (process.argv.includes("--report")) {
  for (const m of checked.sort((a, b) => b.age - a.age)) console.log(`${m.age}\t${m.key}\t${m.text}`);
}
console.log(
  `reading age: ${checked.length} young person's messages checked, ${offenders.length} above ${MAX_READING_AGE}`,
);
for (const m of offenders) console.log(`  ${m.key} (reading age ${m.age}): ${m.text}`);
if (offenders.length) process.exit(1);
