#!/usr/bin/env node
// Generates the README section "Who may see what" from policies/*.yaml (issue 4, "Done means").
//   npm run policies:doc            rewrites the section in README.md
//   npm run policies:doc -- --check exits 1 (naming the fix) when README.md is out of date
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const HEADING = '## Who may see what';
const KIND = {
  company: 'companies', ngo: 'NGOs', union: 'unions', branch_org: 'branch organisations', local_partner: 'local partners',
  secretariat: 'the secretariat', supporter: 'supporters',
};
const ROLE = { member: 'member', org_admin: 'organisation admin', secretariat_staff: 'secretariat staff' };

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const list = (v) => [v].flat();

function who(w) {
  if (w === 'anyone' || w === undefined) return 'anyone signed in';
  const parts = [];
  if (w.kind) parts.push(list(w.kind).map((k) => KIND[k] ?? k).join(', '));
  if (w.party === true) parts.push('that are parties');
  if (w.party === false) parts.push('that are not parties');
  if (w.role) parts.push(`with role ${list(w.role).map((r) => ROLE[r] ?? r).join(' or ')}`);
  if (w.kerngroepSeat === true) parts.push('holding a Kerngroep seat');
  else if (Array.isArray(w.kerngroepSeat)) parts.push(`holding a Kerngroep seat of ${w.kerngroepSeat.join(', ')}`);
  if (w.chair === true) parts.push('the Kerngroep chair');
  if (w.chair === false) parts.push('not the chair');
  return parts.join(' ') || 'anyone signed in';
}

function conditions(when) {
  if (!when) return '—';
  const parts = [];
  if (when.nda) parts.push(`an active NDA "${when.nda}" (current text, not expired, not revoked)`);
  if (when.module) parts.push(when.module === 'any' ? 'takes part in a module' : `takes part in module "${when.module}"`);
  if (when.own) parts.push(`own organisation's (${when.own})`);
  if (when.self) parts.push(`own (${when.self})`);
  if (when.grant) parts.push(`a "${when.grant.kind}" grant on ${when.grant.on}`);
  for (const [f, v] of Object.entries(when.match ?? {})) parts.push(`${f} is ${list(v).join(' or ')}`);
  return parts.join('; ');
}

/** The markdown of the section body (without the heading) for the policy files in `dir`. */
export function renderSection(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const rows = [];
  for (const file of files) {
    const p = parse(readFileSync(join(dir, file), 'utf8'));
    for (const r of p.rules ?? []) {
      rows.push(
        `| ${cell(`${p.subject}`)} | ${cell((r.effect === 'deny' ? 'refused: ' : '') + list(r.action).join(', '))} | ${cell(who(r.who))} | ${cell(conditions(r.when))} | ${cell(r.fields ? r.fields.join(', ') : 'all')} | ${cell(r.article)} | ${cell(r.reason)} |`,
      );
    }
  }
  const titles = files.map((file) => {
    const p = parse(readFileSync(join(dir, file), 'utf8'));
    return `- **${p.subject}** (\`policies/${file}\`): ${cell(p.title)}`;
  });
  return [
    '',
    '<!-- Generated from policies/*.yaml by `npm run policies:doc`; do not edit by hand (a test fails when it is out of date). -->',
    '',
    'Deny by default: what no rule below allows is refused. A rule applies when the caller matches **who** and every',
    '**condition** holds; **fields** are the parts of the record the rule opens. A missing NDA or module participation',
    'is named in the 403 and by `GET /api/v1/authz/explain`. A rule marked **refused** refuses the action to whoever it',
    'describes, whatever else would allow it, and the 403 names that rule and its article.',
    '',
    ...titles,
    '',
    '| data class | action | who | conditions | fields | article | reason |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** README text with the section replaced (from its heading to the next `## ` heading). */
export function withSection(readme, body) {
  const start = readme.indexOf(`${HEADING}\n`);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const from = start + HEADING.length + 1;
  const next = readme.indexOf('\n## ', from);
  const end = next < 0 ? readme.length : next + 1;
  return `${readme.slice(0, from)}${body}\n${readme.slice(end)}`;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const readmePath = resolve('README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withSection(readme, renderSection(resolve(process.env.POLICIES_DIR ?? 'policies')));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      process.stderr.write('README.md "Who may see what" is out of date with policies/*.yaml: run `npm run policies:doc`\n');
      process.exit(1);
    }
    process.stdout.write('README.md "Who may see what" matches policies/*.yaml\n');
  } else {
    writeFileSync(readmePath, updated);
    process.stdout.write(`README.md "Who may see what" regenerated from ${readmePath.replace(/README\.md$/, 'policies/')}\n`);
  }
}
