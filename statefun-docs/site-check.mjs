// Checks the rendered site beyond what VitePress checks itself (it fails the build on links to
// missing pages): every page rendered, every internal link reaches a file, every #anchor exists in
// the page it points to, and no code snippet import was left unresolved.
//
// Usage: node site-check.mjs <site directory>   (npm run check)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const docs = dirname(fileURLToPath(import.meta.url))
const site = resolve(docs, process.argv[2] ?? 'target/site')
const problems = []

function filesUnder(dir, keep) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : []
  })
}

// 1. Every page of the docs folder rendered to HTML.
const pages = readdirSync(docs).filter((name) => name.endsWith('.md') && name !== 'README.md')
for (const page of pages) {
  const html = page === 'index.md' ? 'index.html' : page.replace(/\.md$/, '.html')
  if (!existsSync(join(site, html))) problems.push(`${page}: not rendered (no ${html})`)
}

// 2. Links and anchors in every rendered page.
const htmlFiles = filesUnder(site, (path) => path.endsWith('.html'))
const idsByFile = new Map()
function idsOf(file) {
  if (!idsByFile.has(file)) {
    const ids = new Set()
    for (const m of readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)) ids.add(decode(m[1]))
    idsByFile.set(file, ids)
  }
  return idsByFile.get(file)
}
function decode(text) {
  return decodeURIComponent(text.replace(/&amp;/g, '&').replace(/&quot;/g, '"'))
}

for (const file of htmlFiles) {
  const where = relative(site, file)
  const html = readFileSync(file, 'utf8')
  if (html.includes('Code snippet path not found') || html.includes('Invalid code snippet option')) {
    problems.push(`${where}: a <<< code snippet import did not resolve`)
  }
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    const href = decode(m[1])
    if (/^(https?:|mailto:|javascript:)/.test(href) || href === '') continue
    const [pathPart, fragment] = href.split('#')
    let target
    if (pathPart === '') {
      target = file
    } else {
      const base = pathPart.startsWith('/') ? join(site, pathPart) : resolve(dirname(file), pathPart)
      const candidates = [base, `${base}.html`, join(base, 'index.html')]
      target = candidates.find((c) => existsSync(c) && statSync(c).isFile())
      if (!target) {
        problems.push(`${where}: link to ${href} reaches no file`)
        continue
      }
    }
    if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
      problems.push(`${where}: link to ${href}: no element with id "${fragment}" in ${relative(site, target)}`)
    }
  }
}

if (problems.length > 0) {
  console.error(`site check: ${problems.length} problem(s) in ${site}`)
  for (const problem of problems) console.error(`  ${problem}`)
  process.exit(1)
}
console.log(`site check: ${pages.length} pages rendered, links and anchors of ${htmlFiles.length} HTML files resolve`)
