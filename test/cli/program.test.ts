import { buildProgram } from '../../scripts/cli';

const commandNames = (name?: string) => buildProgram(name).commands.map((command) => command.name());
const EVERY_COMMAND = ['validate', 'preview', 'curl', 'send', 'receive', 'new', 'rules'];

describe('buildProgram', () => {
  it('registers only the command asked for, so a run loads only what that command needs', () => {
    expect(commandNames('validate')).toEqual(['validate']);
    expect(commandNames('receive')).toEqual(['receive']);
    // curl is preview's other name for the same module.
    expect(commandNames('curl')).toEqual(['preview', 'curl']);
  });

  it('registers every command without a command name, for the help that lists them and the suggestion for a misspelt one', () => {
    expect(commandNames()).toEqual(EVERY_COMMAND);
    expect(commandNames('help')).toEqual(EVERY_COMMAND);
    expect(commandNames('--version')).toEqual(EVERY_COMMAND);
    expect(commandNames('valdate')).toEqual(EVERY_COMMAND);
    for (const inherited of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(commandNames(inherited)).toEqual(EVERY_COMMAND);
  });
});
