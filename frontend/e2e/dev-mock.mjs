// @ts-check
// A stand-in for the gateway, ONLY for looking at the SPA by hand before the gateway exists.
// Nothing in the test suite uses it. It serves frontend/dist with an index.html fallback and
// fakes /auth/login, /auth/refresh, /auth/logout and /api/v1/me (CONTRACTS.md §1).
//
//   npm run build && node e2e/dev-mock.mjs          # then POLKU_BASE_URL=http://127.0.0.1:8787 npm run e2e
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const port = Number(process.env.POLKU_MOCK_PORT ?? 8787);
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** @type {Record<string, { display_name: string, roles: string[] }>} */
const USERS = {
  coach: { display_name: "Mock Omavalmentaja", roles: ["coach"] },
  wac1: { display_name: "Mock Työkyky Yksi", roles: ["work_ability_coordinator"] },
  wac2: { display_name: "Mock Työkyky Kaksi", roles: ["work_ability_coordinator"] },
  bc1: { display_name: "Mock Yritys Yksi", roles: ["business_coordinator"] },
  bc2: { display_name: "Mock Yritys Kaksi", roles: ["business_coordinator"] },
  lead: { display_name: "Mock Tiiminvetäjä", roles: ["team_lead"] },
  admin: { display_name: "Mock Pääkäyttäjä", roles: ["admin"] },
};
/** @type {Map<string, number>} */
const failures = new Map();

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

/** @param {import("node:http").ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function send(res, status, body, headers = {}) {
  const isProblem = status >= 400;
  res.writeHead(status, {
    "Content-Type": isProblem ? "application/problem+json" : "application/json",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** @param {number} status @param {string} title @param {string} detail */
const problem = (status, title, detail) => ({ type: "about:blank", title, status, detail });

/** @param {string} username */
const tokenFor = (username) => ({ access_token: `mock.${username}`, token_type: "Bearer", expires_in: 900 });
/** @param {string} username */
const refreshCookie = (username) => `polku_refresh=${username}; HttpOnly; Path=/auth; SameSite=Strict`;

/** @param {import("node:http").IncomingMessage} req */
async function readJson(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const key = `${req.method} ${url.pathname}`;

  if (key === "POST /auth/login") {
    const body = await readJson(req);
    const username = typeof body?.username === "string" ? body.username : "";
    if ((failures.get(username) ?? 0) >= 5) {
      return send(res, 429, problem(429, "Too Many Requests", "Too many attempts"), { "Retry-After": "30" });
    }
    if (!USERS[username] || body?.password !== "polku") {
      failures.set(username, (failures.get(username) ?? 0) + 1);
      return send(res, 401, problem(401, "Unauthorized", "Invalid credentials"));
    }
    failures.delete(username);
    return send(res, 200, tokenFor(username), { "Set-Cookie": refreshCookie(username) });
  }
  if (key === "POST /auth/refresh") {
    const username = /polku_refresh=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    if (!username || !USERS[username]) return send(res, 401, problem(401, "Unauthorized", "No session"));
    return send(res, 200, tokenFor(username), { "Set-Cookie": refreshCookie(username) });
  }
  if (key === "POST /auth/logout") {
    res.writeHead(204, { "Set-Cookie": "polku_refresh=; HttpOnly; Path=/auth; Max-Age=0" });
    return res.end();
  }
  if (key === "GET /api/v1/me") {
    const username = /^Bearer mock\.(.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const user = username ? USERS[username] : undefined;
    if (!username || !user) return send(res, 401, problem(401, "Unauthorized", "Missing or invalid token"));
    return send(res, 200, { username, ...user, scopes: [] });
  }
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/auth/")) {
    return send(res, 404, problem(404, "Not Found", "Not in the mock"));
  }

  // Static files, else index.html: the gateway's SPA fallback does the same.
  const filePath = path.join(distDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ""));
  try {
    const content = await readFile(filePath.startsWith(distDir) && path.extname(filePath) ? filePath : "");
    res.writeHead(200, { "Content-Type": TYPES[/** @type {keyof typeof TYPES} */ (path.extname(filePath))] ?? "application/octet-stream" });
    return res.end(content);
  } catch {
    res.writeHead(200, { "Content-Type": TYPES[".html"] });
    return res.end(await readFile(path.join(distDir, "index.html")));
  }
});

server.listen(port, "127.0.0.1", () => console.log(`dev mock on http://127.0.0.1:${port}`));
