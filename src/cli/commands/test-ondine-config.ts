/**
 * Test support (not a test): the head of the vigie.yaml the sources CLI tests write — the HTTP
 * port, no retention, the Ondine Cycles brand whose query the X test server's posts match — up to
 * `sources:`, where each test adds its own entries.
 */
export function ondineConfigHead(httpPort: number): string[] {
  return [
    `http:\n  port: ${httpPort}`,
    'retention:\n  days: 0',
    'brands:',
    '  - id: ondine',
    '    name: Ondine Cycles',
    '    aliases: [Ondine]',
    '    handles: [OndineCycles]',
    '    queries:',
    '      - id: battery',
    "        text: '(ondine OR @OndineCycles) (batterie OR battery)'",
    'sources:',
  ];
}
