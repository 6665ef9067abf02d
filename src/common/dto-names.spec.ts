import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, item 8: the OpenAPI document names a DTO's schema after its class (or its `@ApiSchema({ name })`), and
 * two classes of one name silently share the schema of whichever was seen first: a page then gets the other route's
 * shape as its type (found with /me's KerngroepSeatDto shadowing the seats route's). This reads the source, so it
 * needs no database and no server.
 */
type Declared = { name: string; file: string; line: number };

/** The DTO classes of one source file with the schema name each gets: a class under dto/, one named `…Dto`, or one with a decorated `@Api…` property. */
export function dtoClasses(file: string, text: string): Declared[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Declared[] = [];
  const decoratorName = (d: ts.Decorator) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ts.isIdentifier(e) ? e.text : '';
  };
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) && node.name) {
      const decorated = node.members.some((m) => ts.isPropertyDeclaration(m) && (ts.getDecorators(m) ?? []).some((d) => decoratorName(d).startsWith('Api')));
      if (decorated || node.name.text.endsWith('Dto') || /(^|\/)dto\//.test(file)) {
        // `@ApiSchema({ name: 'X' })` renames the schema
        let name = node.name.text;
        for (const d of ts.getDecorators(node) ?? []) {
          if (decoratorName(d) !== 'ApiSchema' || !ts.isCallExpression(d.expression)) continue;
          const [options] = d.expression.arguments;
          if (!options || !ts.isObjectLiteralExpression(options)) continue;
          for (const p of options.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'name' && ts.isStringLiteralLike(p.initializer)) name = p.initializer.text;
          }
        }
        found.push({ name, file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Schema names declared by more than one class, each with where. */
export function duplicateNames(classes: Declared[]): string[] {
  const byName = new Map<string, Declared[]>();
  for (const c of classes) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  return [...byName.entries()].filter(([, all]) => all.length > 1).map(([name, all]) => `${name}: ${all.map((c) => `${c.file}:${c.line}`).join(', ')}`);
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });

describe('DTO schema names (one class per name in the OpenAPI document)', () => {
  it('no two DTO classes in src share a schema name (rename one, or give it `@ApiSchema({ name })`)', () => {
    const classes = sourceFiles('src').flatMap((path) => dtoClasses(relative('.', path), readFileSync(path, 'utf8')));
    expect(classes.length).toBeGreaterThan(100);
    expect(duplicateNames(classes)).toEqual([]);
  });

  it('finds a name declared twice, exported or not, and takes `@ApiSchema({ name })` as the name', () => {
    const a = dtoClasses('src/a/dto/a.dto.ts', "export class SeatDto { @ApiProperty() id: string; }\nclass AffiliationDto { id: string; }");
    const b = dtoClasses('src/b/b.controller.ts', "class AffiliationDto { @ApiProperty() kind: string; }\n@ApiSchema({ name: 'OtherSeatDto' })\nexport class SeatDto { @ApiProperty() id: string; }\nexport class BController { @ApiOkResponse() get() {} }");
    expect(b.map((c) => c.name)).toEqual(['AffiliationDto', 'OtherSeatDto']);
    expect(duplicateNames([...a, ...b])).toEqual(['AffiliationDto: src/a/dto/a.dto.ts:2, src/b/b.controller.ts:1']);
  });
});
