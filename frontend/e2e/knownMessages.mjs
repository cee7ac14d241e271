// @ts-check
// The app's own words, read from the sources through Vite itself (no hand-copied texts, no
// parsing of TypeScript): every dictionary made with defineMessages, and the error catalogue.
// A message that is a function of its arguments becomes a pattern: it is called with sentinel
// arguments (objects whose string form is a marker, so `${count}` and `count === 1 ? … : …`
// both take the general branch) and, per argument, with 1, null, false and true (for the
// branches that test a value); the markers in the result become wildcards.
//
// What is left out on purpose: the catalogue's general sentences by status (bad_request,
// validation_failed, internal_error …) and problemText's FALLBACK sentences. They only show
// when a server code is missing from the catalogue, so they are defects, not known words.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = path.join(frontendDir, "src");
const i18nFile = path.join(srcDir, "common", "i18n.tsx");
const RECORDER_ID = "\0polku-recording-i18n";

const MARK = "\u2063";
/** @param {number} index */
const marker = (index) => `${MARK}${index}${MARK}`;
/** @param {number} index */
const sentinel = (index) => ({ toString: () => marker(index), valueOf: () => marker(index) });
const SPECIAL_VALUES = [1, null, false, true];

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** @param {string} text */
export function normalise(text) {
  return text.replace(/\s+/g, " ").trim();
}

// A pattern whose fixed words are fewer letters than this (`${kind}: ${who}`, `${count} kpl`)
// would match nearly any sentence; such labels are left out rather than let everything pass.
const MIN_FIXED_LETTERS = 5;

/**
 * A whole-text pattern from a text with holes (markers or `{param}`), or null when the fixed
 * words are too few to tell anything apart. A catalogue parameter may be filled with nothing
 * (the server left it out); a message argument always gives something.
 * @param {string} text @param {RegExp} holes @param {string} hole
 */
function patternOf(text, holes, hole) {
  const parts = normalise(text).split(holes);
  if (parts.join("").replace(/[^\p{L}]/gu, "").length < MIN_FIXED_LETTERS) return null;
  return new RegExp(`^${parts.map(escapeRegExp).join(hole)}$`);
}

/** Three words or more ending in a full stop: a sentence, not a name, a date or a number. @param {string} text */
function looksLikeSentence(text) {
  return /[.!?]$/.test(text.trim()) && text.trim().split(/\s+/).length >= 3;
}

/** Every .ts/.tsx under src that calls defineMessages (tests aside). @param {string} dir @returns {Promise<string[]>} */
async function messageModules(dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await messageModules(full)));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && full !== i18nFile) {
      if ((await readFile(full, "utf8")).includes("defineMessages(")) found.push(full);
    }
  }
  return found.sort();
}

/**
 * Loads every dictionary, exported or not: a small plugin puts a recording defineMessages in
 * front of the real i18n module, so a module-private dictionary (errors.ts) is seen too.
 */
async function loadDictionaries() {
  /** @type {{ module: string, fi: Record<string, unknown> }[]} */
  const recorded = [];
  /** @type {any} */ (globalThis).__polkuRecordDictionary = (/** @type {string} */ module, /** @type {any} */ dictionary) =>
    recorded.push({ module, fi: dictionary.fi });
  const server = await createServer({
    root: frontendDir,
    configFile: false,
    logLevel: "error",
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: "custom",
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [
      {
        name: "polku-record-dictionaries",
        enforce: "pre",
        async resolveId(source, importer, options) {
          if (source === RECORDER_ID || importer === RECORDER_ID) return source === RECORDER_ID ? RECORDER_ID : null;
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
          if (resolved && resolved.id === i18nFile && !importer?.startsWith(RECORDER_ID)) return RECORDER_ID;
          return null;
        },
        load(id) {
          if (id !== RECORDER_ID) return null;
          return [
            `export * from ${JSON.stringify(i18nFile)};`,
            `import { defineMessages as realDefineMessages } from ${JSON.stringify(i18nFile)};`,
            "export function defineMessages(dictionary) {",
            "  globalThis.__polkuRecordDictionary(new Error().stack ?? '', dictionary);",
            "  return realDefineMessages(dictionary);",
            "}",
          ].join("\n");
        },
      },
    ],
  });
  try {
    const modules = await messageModules(srcDir);
    for (const file of modules) await server.ssrLoadModule(file);
    // problemText's FALLBACK sentences come from the module itself, so a change there is seen here.
    const problemText = await server.ssrLoadModule(path.join(srcDir, "common", "problemText.ts"));
    const fallbacks = [
      problemText.problemText({ code: "no_such_code_anywhere" }, "fi"),
      problemText.fieldErrorText({ code: "no_such_code_anywhere" }, "fi"),
    ];
    /** @type {Set<string>} the catalogue's general codes: a problem whose own code is unknown */
    const generalCodes = new Set(Object.values(problemText.BY_STATUS).map(String));
    return { recorded, modules, fallbacks, generalCodes };
  } finally {
    await server.close();
  }
}

/**
 * The texts one message can show: a string as it is; a function as the patterns of its results.
 * @param {unknown} message @returns {{ texts: string[], patterns: RegExp[], tooLoose: number }}
 */
function expand(message) {
  if (typeof message === "string") return { texts: [normalise(message)], patterns: [], tooLoose: 0 };
  if (typeof message !== "function") return { texts: [], patterns: [], tooLoose: 0 };
  const arity = Math.max(message.length, 1);
  /** @type {unknown[][]} */
  const calls = [Array.from({ length: arity }, (_, index) => sentinel(index))];
  for (const value of SPECIAL_VALUES) {
    calls.push(Array.from({ length: arity }, () => value));
    for (let index = 0; index < arity; index += 1) {
      calls.push(Array.from({ length: arity }, (_, other) => (other === index ? value : sentinel(other))));
    }
  }
  /** @type {Map<string, RegExp>} */
  const patterns = new Map();
  let tooLoose = 0;
  for (const args of calls) {
    let result;
    try {
      result = message(...args);
    } catch {
      continue; // a value of the wrong kind for this message; another call covers it
    }
    if (typeof result !== "string") continue;
    const pattern = patternOf(result, new RegExp(`${MARK}\\d+${MARK}`), "([\\s\\S]+?)");
    if (pattern === null) tooLoose += 1;
    else patterns.set(pattern.source, pattern);
  }
  return { texts: [], patterns: [...patterns.values()], tooLoose };
}

/**
 * The matcher: `isKnown(text)` is true only for a text of the app's own Finnish words.
 * `fallbacks` are the sentences that mean a missing catalogue code (for the spec's self-check).
 */
export async function loadKnownMessages() {
  const catalogue = JSON.parse(await readFile(path.join(srcDir, "common", "errorCatalogue.json"), "utf8"));
  const { recorded, modules, fallbacks: fallbackSentences, generalCodes } = await loadDictionaries();

  /** @type {Set<string>} */
  const texts = new Set();
  /** @type {RegExp[]} */
  const patterns = [];
  const unexpandable = [];
  /** @type {string[]} */
  const leftOut = [];
  for (const { fi } of recorded) {
    for (const [key, message] of Object.entries(fi)) {
      const expanded = expand(message);
      if (typeof message === "function" && expanded.patterns.length === 0 && expanded.tooLoose === 0) unexpandable.push(key);
      if (expanded.patterns.length === 0 && expanded.tooLoose > 0) leftOut.push(key);
      expanded.texts.forEach((text) => texts.add(text));
      patterns.push(...expanded.patterns);
    }
  }
  if (unexpandable.length > 0) throw new Error(`messages that no sentinel call could turn into a pattern: ${unexpandable.join(", ")}`);

  const fallbacks = fallbackSentences.map(normalise);
  for (const [code, entry] of Object.entries(catalogue)) {
    const fi = String(/** @type {any} */ (entry).fi ?? "");
    if (generalCodes.has(code)) {
      fallbacks.push(normalise(fi));
      continue;
    }
    if (!/\{\w+\}/.test(fi)) texts.add(normalise(fi));
    else {
      const pattern = patternOf(fi, /\{\w+\}/, "[\\s\\S]*?");
      if (pattern === null) leftOut.push(code);
      else patterns.push(pattern);
    }
  }

  const refused = new Set(fallbacks);
  // A general sentence must never count as known, even where a dictionary happens to hold it too.
  for (const text of refused) texts.delete(text);

  /**
   * A message's argument may itself be a sentence (the import's "the service did not accept
   * the file: …" wraps the catalogue's words): a filled-in hole that reads like a sentence must
   * be known too, so a server detail or a general sentence cannot hide inside a known frame.
   * @param {string} raw @returns {boolean}
   */
  function isKnown(raw, depth = 0) {
    const text = normalise(raw);
    if (text === "" || refused.has(text)) return false;
    if (texts.has(text)) return true;
    return patterns.some((pattern) => {
      const match = pattern.exec(text);
      if (!match) return false;
      return match.slice(1).every((hole) => depth > 2 || !looksLikeSentence(hole) || isKnown(hole, depth + 1));
    });
  }
  return { isKnown, fallbacks: [...refused], leftOut, counts: { modules: modules.length, dictionaries: recorded.length, texts: texts.size, patterns: patterns.length } };
}
