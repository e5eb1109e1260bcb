// A tiny static file server for browser tests: serves `dir` under the
// sub-path `prefix` (e.g. "/repo/") on 127.0.0.1 and an ephemeral port,
// like GitHub Pages serves a project site. Directory URLs get their
// index.html; anything outside `dir` or `prefix` is a 404, with the site's
// own 404.html as its body when there is one (as GitHub Pages does).
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
};

export async function serve(dir, prefix) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) return notFound(res, root);
    rel = rel.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return notFound(res, root);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      notFound(res, root);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

async function notFound(res, root) {
  try {
    const page = await readFile(path.join(root, "404.html"));
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(page);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
}
