import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type DefaultTheme } from 'vitepress'

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..')

// Pages written on other branches join the navigation once their file is in the tree.
function page(text: string, link: string, file = `${link.replace(/^\//, '')}.md`) {
  return existsSync(resolve(docs, file)) ? [{ text, link }] : []
}

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'Overview', link: '/' },
      { text: 'Concepts', link: '/concepts' },
      { text: 'Getting started', link: '/getting-started' },
      ...page('Examples', '/examples'),
    ],
  },
  {
    text: 'Writing applications',
    items: [
      { text: 'SDK guide', link: '/sdk-guide' },
      { text: 'State and expiration', link: '/state' },
      { text: 'Messaging and delays', link: '/messaging' },
      { text: 'Async operations', link: '/async' },
      { text: 'Ingresses and egresses', link: '/io' },
      ...page('Kafka', '/io-kafka'),
      ...page('Failures and bad input', '/failures'),
    ],
  },
  {
    text: 'Running',
    items: [
      { text: 'Configuration reference', link: '/configuration' },
      { text: 'Deployment', link: '/deployment' },
      { text: 'Operations', link: '/operations' },
      { text: 'Observability', link: '/observability' },
      { text: 'Testing', link: '/testing' },
      { text: 'Performance', link: '/performance' },
    ],
  },
  {
    text: 'Coming from StateFun',
    items: [...page('Migration', '/migration'), ...page('State processor', '/state-processor')],
  },
].filter((group) => group.items.length > 0)

export default defineConfig({
  title: 'statefun',
  description: 'Stateful functions on Apache Flink 2.x',
  lang: 'en-US',
  // The pages live next to the module's build files; only the pages are sources.
  srcExclude: ['README.md', 'node_modules/**', 'target/**', 'src/**', 'benchmark-results/**'],
  outDir: 'target/site',
  cacheDir: 'target/vitepress-cache',
  // Dead internal links fail the build (VitePress's default, kept on deliberately).
  ignoreDeadLinks: false,
  markdown: {
    theme: { light: 'github-light', dark: 'github-dark' },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/concepts' },
      { text: 'SDK', link: '/sdk-guide' },
      { text: 'Configuration', link: '/configuration' },
      { text: 'Operations', link: '/operations' },
    ],
    sidebar,
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    footer: { message: 'Licensed under the Apache License, Version 2.0.' },
  },
})
