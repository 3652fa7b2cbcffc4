/**
 * The README's generated sections: the command reference (from the same commander definitions
 * as --help) and the rule list (from the rule registry). `npm run docs` rewrites them; a test
 * fails when the README and the code disagree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Option } from 'commander';
import { buildProgram } from '../cli';
import { packageRoot } from '../lib/package-root';
import { ruleCatalog } from '../lib/rules/catalog';

/**
 * Text for a table cell: `|` would end the cell and a line break the row; outside code spans,
 * `<name>` would be read as an HTML tag and vanish.
 */
function cellText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')))
    .join('')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
}

function optionLine(option: Option): string {
  const extras: string[] = [];
  if (option.argChoices) extras.push(`one of ${option.argChoices.map((c) => `\`${c}\``).join(', ')}`);
  const defaultValue = option.defaultValue as unknown;
  if (defaultValue !== undefined && defaultValue !== false) extras.push(`default \`${String(defaultValue)}\``);
  return `| \`${option.flags}\` | ${cellText(option.description)}${extras.length > 0 ? ` (${extras.join('; ')})` : ''} |`;
}

function commandSection(command: Command): string {
  const args = command.registeredArguments
    .map((argument) => {
      const name = argument.name() + (argument.variadic ? '...' : '');
      return argument.required ? `<${name}>` : `[${name}]`;
    })
    .join(' ');
  const lines = [`### \`ld-hook-kit ${command.name()}${args ? ' ' + args : ''}\``, '', command.description() + '.', ''];
  lines.push('| option | meaning |', '| --- | --- |');
  // What --help lists, the help option included.
  for (const option of command.createHelp().visibleOptions(command)) lines.push(optionLine(option));
  return lines.join('\n');
}

function commandReference(): string {
  return buildProgram()
    .commands.map(commandSection)
    .join('\n\n');
}

function ruleReference(): string {
  const lines = ['| rule | severity | framework CI rule | checks | how to fix |', '| --- | --- | --- | --- | --- |'];
  for (const doc of ruleCatalog()) {
    lines.push(`| \`${doc.id}\` | ${doc.severity} | ${doc.ciRule ?? ''} | ${cellText(doc.description)} | ${cellText(doc.fix)} |`);
  }
  return lines.join('\n');
}

const SECTIONS: Record<string, () => string> = { commands: commandReference, rules: ruleReference };

/** The README with every generated section replaced by what the code says now. */
export function regenerate(readme: string): string {
  let result = readme;
  for (const [name, generate] of Object.entries(SECTIONS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`);
    result = result.slice(0, from + start.length) + '\n' + generate() + '\n' + result.slice(to);
  }
  return result;
}

if (require.main === module) {
  const file = path.join(packageRoot(), 'README.md');
  fs.writeFileSync(file, regenerate(fs.readFileSync(file, 'utf8')));
  process.stdout.write('README.md regenerated\n');
}
