import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../../scripts/lib/package-root';

// The directions of dependency the README's "How the code is laid out" promises, checked on the source.

const LIB = path.join(packageRoot(), 'scripts', 'lib');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [full] : [];
  });
}

function libPath(file: string): string {
  return path.relative(LIB, file).split(path.sep).join('/');
}

/** The lib-relative targets of a file's relative imports (`render/http-request`), and its package imports as written. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? path.relative(LIB, path.resolve(path.dirname(file), fileName)).split(path.sep).join('/') : fileName,
  );
}

/** `process.stdout`, `process.exit`, `console.log` and the like, wherever the file reaches for them. */
function outputCalls(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const text = `${node.expression.text}.${node.name.text}`;
      if (node.expression.text === 'console' || ['process.stdout', 'process.stderr', 'process.exit', 'process.exitCode'].includes(text)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${libPath(file)}:${line + 1} ${text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where a file compiles a template itself: `compile`, `precompile`, `template` or `create` called on what it imported from handlebars. */
function templateCompilations(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const handlebarsNames = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'handlebars') continue;
    const clause = statement.importClause;
    if (clause?.name) handlebarsNames.add(clause.name.text);
    if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) handlebarsNames.add(clause.namedBindings.name.text);
  }
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      handlebarsNames.has(node.expression.text) &&
      ['compile', 'precompile', 'template', 'create'].includes(node.name.text)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${libPath(file)}:${line + 1} ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a lib-relative import target is the folder `dir` or a module in it (`format` is format/index). */
function isIn(target: string, dir: string): boolean {
  return target === dir || target.startsWith(`${dir}/`);
}

const libFiles = sourceFiles(LIB);

describe('code layout', () => {
  it('finds the library sources it checks', () => {
    expect(libFiles.map(libPath)).toEqual(expect.arrayContaining(['validate.ts', 'render/request.ts', 'delivery/send.ts']));
  });

  it('lib/ never imports the commands or the command line', () => {
    const offending = libFiles.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('../'))
        .map((target) => `${libPath(file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('lib/ never prints or exits: it returns data and the commands choose what to show', () => {
    expect(libFiles.flatMap(outputCalls)).toEqual([]);
  });

  it('render/ knows nothing of HTTP delivery, and delivery/ reads only the request type from render/', () => {
    const offending = libFiles.flatMap((file) => {
      const from = libPath(file);
      return importsOf(file)
        .filter((target) =>
          (from.startsWith('render/') && (isIn(target, 'delivery') || /^(node:)?https?$/.test(target) || target === 'node:net')) ||
          (from.startsWith('delivery/') && isIn(target, 'render') && target !== 'render/http-request'),
        )
        .map((target) => `${from} imports ${target}`);
    });
    expect(offending).toEqual([]);
  });

  it('delivery/ never renders: it imports neither Handlebars itself nor what plans or checks renderings', () => {
    const offending = libFiles
      .filter((file) => libPath(file).startsWith('delivery/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target === 'handlebars' || isIn(target, 'requests') || isIn(target, 'rules'))
          .map((target) => `${libPath(file)} imports ${target}`),
      );
    expect(offending).toEqual([]);
  });

  it('only render/ compiles templates, so preview, curl, send and the checks render through one path', () => {
    expect(libFiles.filter((file) => !libPath(file).startsWith('render/')).flatMap(templateCompilations)).toEqual([]);
  });

  it('rules never import a formatter: findings are data', () => {
    const offending = libFiles
      .filter((file) => libPath(file).startsWith('rules/'))
      .flatMap((file) => importsOf(file).filter((target) => isIn(target, 'format')).map((target) => `${libPath(file)} imports ${target}`));
    expect(offending).toEqual([]);
  });
});
