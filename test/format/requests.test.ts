import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/temp-dir';
import { formatCurl, formatCurlCommands, formatRequestText, requestJson, requestView, type RequestView } from '../../scripts/lib/format/requests';
import type { PlannedRequest, PlannedRequests, ShellBase64 } from '../../scripts/lib/requests';
import type { HttpRequest } from '../../scripts/lib/render/http-request';

const request: HttpRequest = {
  method: 'POST',
  url: 'https://x.example/hook',
  headers: [{ name: 'Content-Type', value: 'application/json' }],
  body: '{"a":[1]}',
};

describe('formatRequestText', () => {
  it('names the integration and sample, then the routing line, the request line, the headers, a blank line and the laid-out body', () => {
    const text = formatRequestText({ integration: 'pigeon', context: 'flag/update-rules', request, delivery: 'delivered: statement 1' }, false);
    expect(text).toBe(
      'pigeon · sample flag/update-rules\ndelivered: statement 1\nPOST https://x.example/hook\nContent-Type: application/json\n\n{\n  "a": [\n    1\n  ]\n}\n',
    );
  });

  it('says the body is empty, or only whitespace, where it would print as nothing', () => {
    const shown = (body: string) => formatRequestText({ integration: 'pigeon', context: 'flag/x', request: { ...request, body } }, false).split('\n').slice(-2)[0];
    expect(shown('')).toBe('(empty body)');
    expect(shown(' \n\t')).toBe('(a body of 3 whitespace characters)');
    expect(shown('\n')).toBe('(a body of 1 whitespace character)');
    expect(shown('ok')).toBe('ok');
  });

  it('says why there is no request, or just that there is none', () => {
    expect(formatRequestText({ integration: 'pigeon', context: 'member/create', problem: 'no member template' }, false)).toBe(
      'pigeon · sample member/create\nno member template\n',
    );
    expect(formatRequestText({ integration: 'pigeon', context: 'member/create' }, false)).toBe('pigeon · sample member/create\nno request\n');
  });

  it('says, before the request, why send would refuse it', () => {
    const text = formatRequestText({ integration: 'pigeon', context: 'flag/update-rules', request, unsendable: 'Host is written by clients' }, false);
    expect(text.split('\n').slice(1, 3)).toEqual(['send refuses this request: Host is written by clients', 'POST https://x.example/hook']);
  });

  it('escapes the control characters of what the integration, the event and the values given write, keeping the body\'s line feeds and tabs', () => {
    const RETITLE = '\u001b]0;pwned\u0007';
    const crafted: RequestView = {
      integration: `pigeon${RETITLE}`,
      context: `./event${RETITLE}.json`,
      delivery: `delivered: yes (statement 1 allows every action on proj/*${RETITLE})`,
      unsendable: `bad\r\nfake`,
      bodyProblem: `templates/x${RETITLE}.json.hbs`,
      request: {
        method: `POST${RETITLE}`,
        url: 'https://x.example/a\r\nX-Fake: 1',
        headers: [{ name: 'X-Note', value: `hi\nX-Fake: 1${RETITLE}` }],
        body: `line 1\n\tline 2\r${RETITLE}`,
      },
    };
    const text = formatRequestText(crafted, false);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text.split('\n')).toEqual([
      'pigeon\\u001b]0;pwned\\u0007 · sample ./event\\u001b]0;pwned\\u0007.json',
      'delivered: yes (statement 1 allows every action on proj/*\\u001b]0;pwned\\u0007)',
      'send refuses this request: bad\\u000d\\u000afake',
      'templates/x\\u001b]0;pwned\\u0007.json.hbs',
      'POST\\u001b]0;pwned\\u0007 https://x.example/a\\u000d\\u000aX-Fake: 1',
      'X-Note: hi\\u000aX-Fake: 1\\u001b]0;pwned\\u0007',
      '',
      'line 1',
      '\tline 2\\u000d\\u001b]0;pwned\\u0007',
      '',
    ]);
    expect(formatRequestText({ integration: 'pigeon', context: 'flag/x', problem: `templates/${RETITLE}.json names no file\nfake line` }, false)).toBe(
      'pigeon · sample flag/x\ntemplates/\\u001b]0;pwned\\u0007.json names no file\\u000afake line\n',
    );
  });
});

describe('requestView', () => {
  const sample = { ref: 'flag/update-rules', kind: 'flag', tier: 'canonical' as const, file: '/x.json', event: {} as never };

  it('says how the policy routed the event, with the statement that decided', () => {
    const item: PlannedRequest = { sample, routing: { delivered: true, decidedBy: 1, reason: 'statement 1 allows updateRules' }, shown: request };
    expect(requestView('pigeon', item)).toEqual({
      integration: 'pigeon',
      context: 'flag/update-rules',
      request,
      problem: undefined,
      delivery: 'delivered: yes (statement 1 allows updateRules)',
      unsendable: undefined,
      extra: { delivered: true, decidedBy: 1, reason: 'statement 1 allows updateRules' },
    });
  });

  it('adds that LaunchDarkly would refuse an invalid default policy, and carries why there is no request', () => {
    const routing = { delivered: false, decidedBy: null, reason: 'no statement allows it', policyError: 'statement 2 has no actions' };
    const view = requestView('pigeon', { sample, routing, problem: 'pigeon has no flag or default template' });
    expect(view.delivery).toBe(
      'delivered: no (no statement allows it); but the default policy is invalid, so LaunchDarkly would not accept it: statement 2 has no actions',
    );
    expect(view.problem).toBe('pigeon has no flag or default template');
    expect(view.extra).toEqual({ delivered: false, decidedBy: null, reason: 'no statement allows it', policyError: 'statement 2 has no actions' });
  });
});

describe('requestJson', () => {
  it('gives the request, why send refuses it, and the extra fields', () => {
    expect(requestJson({ integration: 'pigeon', context: 'flag/x', request, unsendable: 'no', extra: { delivered: true } })).toEqual({
      integration: 'pigeon',
      context: 'flag/x',
      request,
      unsendable: 'no',
      delivered: true,
    });
  });

  it('gives a null request and the problem when there is none, and no unsendable key when send would take it', () => {
    expect(requestJson({ integration: 'pigeon', context: 'flag/x', problem: 'broken' })).toEqual({ integration: 'pigeon', context: 'flag/x', request: null, problem: 'broken' });
  });
});

describe('formatCurl', () => {
  it('sends a bodyless GET without standard input or a Content-Type', () => {
    expect(formatCurl({ method: 'GET', url: 'https://x.example/a b', headers: [], body: '' })).toBe(
      "curl --silent --show-error --fail-with-body --globoff -X 'GET' --url 'https://x.example/a%20b'\n",
    );
  });

  it('pipes the body in, keeps a header with an empty value, and stops curl adding a Content-Type the request lacks', () => {
    const command = formatCurl({ method: 'POST', url: 'https://x.example/', headers: [{ name: 'X-Empty', value: '' }], body: 'hi' });
    expect(command).toBe("printf '%s' 'hi' | curl --silent --show-error --fail-with-body --globoff -X 'POST' --url 'https://x.example/' -H 'X-Empty;' -H 'Content-Type:' --data-binary @-\n");
  });

  it('adds no empty Content-Type when the request has one, whatever its case', () => {
    const command = formatCurl({ ...request, headers: [{ name: 'content-type', value: 'text/plain' }] });
    expect(command).toContain("-H 'content-type: text/plain' --data-binary @-");
    expect(command).not.toContain("'Content-Type:'");
  });

  it('sends an empty POST body through standard input, so curl sends a Content-Length of 0 as fetch does', () => {
    expect(formatCurl({ method: 'POST', url: 'https://x.example/', headers: [], body: '' })).toBe(
      "printf '%s' '' | curl --silent --show-error --fail-with-body --globoff -X 'POST' --url 'https://x.example/' -H 'Content-Type:' --data-binary @-\n",
    );
  });

  it('gives the url after --url, so that one starting with a dash is no option to curl', () => {
    expect(formatCurl({ method: 'GET', url: '-o/tmp/out', headers: [], body: '' })).toBe("curl --silent --show-error --fail-with-body --globoff -X 'GET' --url '-o/tmp/out'\n");
  });

  it('sends a GET that has a body with it', () => {
    expect(formatCurl({ method: 'GET', url: 'https://x.example/', headers: [], body: 'q' })).toMatch(/^printf '%s' 'q' \| curl .* --data-binary @-\n$/);
  });

  it('computes a signature header with openssl, whatever the case of its name, keyed with the variable', () => {
    const command = formatCurl({ ...request, headers: [{ name: 'X-Sig', value: 'deadbeef' }] }, [], { headerName: 'x-sig', envName: 'LD_HOOK_KIT_VAR_S' });
    expect(command).not.toContain('deadbeef');
    expect(command).toContain(`-H 'X-Sig: '"$(printf '%s' '{"a":[1]}' | openssl dgst -sha256 -hmac "$LD_HOOK_KIT_VAR_S" | sed 's/^.*= //')"`);
  });
});

describe('formatCurlCommands', () => {
  const token = { value: 'ldhksecret0x', envName: 'LD_HOOK_KIT_VAR_TOKEN', key: 'token', given: false };
  const unused = { value: 'ldhksecret1x', envName: 'LD_HOOK_KIT_VAR_UNUSED', key: 'unused', given: false };
  const shown: HttpRequest = { ...request, headers: [{ name: 'Authorization', value: 'Bearer ldhksecret0x' }] };

  const deliveredRouting = { delivered: true, decidedBy: 0, reason: 'statement 1 allows it' };

  function commands(items: Partial<PlannedRequest>[], shellValues = [token, unused], views?: RequestView[], shellBase64: ShellBase64[] = [], everySample = false): string {
    const planned = { shellValues, shellBase64 } as unknown as PlannedRequests;
    const viewList = views ?? [{ integration: 'pigeon', context: 'flag/x', request: shown }];
    // A view without an item of its own stands for a request the policy delivers.
    const shownRequests = viewList.map((view, index) => ({ item: { routing: deliveredRouting, ...items[index] } as PlannedRequest, view }));
    const script = formatCurlCommands(planned, shownRequests, everySample);
    // Every script is one subshell (see the test of that); the rest of the tests read what is inside.
    expect([script.slice(0, 2), script.slice(-2)]).toEqual(['(\n', ')\n']);
    return script.slice(2, -2);
  }

  it('leaves out an empty Authorization header where the url carries a user name and password, which go as Basic authorization in its place', () => {
    const credentialed: HttpRequest = { ...request, url: 'https://ops:pw@x.example/hook', headers: [{ name: 'Authorization', value: '' }, { name: 'X-Empty', value: '' }] };
    const command = formatCurl(credentialed);
    expect(command).not.toContain("'Authorization;'");
    expect(command).toContain("-H 'X-Empty;'");
    expect(formatCurl({ ...credentialed, url: 'https://x.example/hook' })).toContain("-H 'Authorization;'");
  });

  it('is no subshell when it holds only comments (no request to send): an empty one is a syntax error', () => {
    const dropped = { delivered: false, decidedBy: null, reason: 'no statement allows it' };
    const script = formatCurlCommands({ shellValues: [], shellBase64: [] } as unknown as PlannedRequests, [
      { item: { routing: dropped, shown } as PlannedRequest, view: { integration: 'pigeon', context: 'flag/x', request: shown } },
    ], true);
    expect(script.startsWith('#')).toBe(true);
    const ran = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect([ran.status, ran.stderr]).toEqual([0, '']);
  });

  it('is one subshell: a check that stops it leaves the shell it was pasted into, and sends nothing', () => {
    const script = formatCurlCommands({ shellValues: [token], shellBase64: [] } as unknown as PlannedRequests, [
      { item: { routing: deliveredRouting, shown, transformed: ['token'] } as PlannedRequest, view: { integration: 'pigeon', context: 'flag/x', request: shown } },
    ]);
    // A curl that only says it ran.
    const bin = tempDir('fake-curl');
    fs.writeFileSync(path.join(bin, 'curl'), '#!/bin/sh\ncat >/dev/null\necho curl-ran\n', { mode: 0o755 });
    const run = (value: string) =>
      spawnSync('sh', ['-c', `${script}echo shell-still-here`], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, [token.envName]: value }, encoding: 'utf8' });
    expect(run('a/b=').stdout).toBe('shell-still-here\n');
    expect(run('').stdout).toBe('shell-still-here\n');
    expect(run('fine-token').stdout).toBe('curl-ran\nshell-still-here\n');
  });

  it('says to export only the values the requests read, and reads them from the environment', () => {
    const out = commands([{ shown }]);
    expect(out).toContain('# reads token from LD_HOOK_KIT_VAR_TOKEN: export it first\n');
    expect(out).not.toContain('unused');
    expect(out).toContain(`-H 'Authorization: Bearer '"$LD_HOOK_KIT_VAR_TOKEN"`);
    expect(out).not.toContain('# warning');
  });

  it('stops before sending when a variable it reads is unset, or empty unless optional', () => {
    const optional = { ...unused, key: 'maybe', optional: true };
    const odd = { ...token, key: 'a"b}c', envName: 'LD_HOOK_KIT_VAR_A_B_C' };
    const both: HttpRequest = { ...request, headers: [{ name: 'X-A', value: 'ldhksecret0x' }, { name: 'X-B', value: 'ldhksecret1x' }] };
    const lines = commands([{ shown: both }], [token, optional], [{ integration: 'pigeon', context: 'flag/x', request: both }]).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '# reads token from LD_HOOK_KIT_VAR_TOKEN: export it first',
      ': "${LD_HOOK_KIT_VAR_TOKEN:?set it to the value of token}"',
      '# reads maybe from LD_HOOK_KIT_VAR_UNUSED: export it first',
      ': "${LD_HOOK_KIT_VAR_UNUSED?set it to the value of maybe}"',
    ]);
    expect(commands([{ shown }], [odd])).toContain(': "${LD_HOOK_KIT_VAR_A_B_C:?set it to its value}"\n');
  });

  it('says the signing secret is read and the signature computed, though no shown request holds it', () => {
    const rendered = { request, signature: { headerName: 'X-Sig', secretKey: 'unused' } };
    const out = commands([{ shown, rendered }]);
    expect(out).toContain('# reads unused from LD_HOOK_KIT_VAR_UNUSED: export it first\n');
    expect(out).toContain('# computes the X-Sig signature with openssl, keyed with LD_HOOK_KIT_VAR_UNUSED\n');
  });

  it('stops the command for a value a template may transform holding a character the transformation changes', () => {
    const out = commands([{ shown, transformed: ['token'] }], [token, unused]);
    const check = out.split('\n').find((line) => line.startsWith('[ '))!;
    // No `!`, which an interactive zsh would take for its history.
    expect(check).not.toContain('!');
    expect(out).toContain(`# stops if ${token.envName} holds anything but letters, digits and . _ ~ -: the template encodes or HTML-escapes token`);
    expect(check).toContain(`"\${${token.envName}-}"`);
    expect(out).not.toContain(unused.envName + '-}');
    const run = (value: string) => spawnSync('sh', ['-c', `${check}\necho sent`], { env: { ...process.env, [token.envName]: value }, encoding: 'utf8' });
    expect(run('a-Z_0.9~').stdout).toBe('sent\n');
    expect(run('-n').stdout).toBe('sent\n');
    for (const changed of ['a=b', 'a+b', 'a/b', 'a b', 'é', "a'b", 'ab\n', 'a\\b', '$x']) {
      const stopped = run(changed);
      expect([changed, stopped.status, stopped.stdout]).toEqual([changed, expect.any(Number), '']);
      expect(stopped.status).not.toBe(0);
      expect(stopped.stderr).toContain('token holds a character the template would change: send it with ld-hook-kit send');
    }
  });

  it('computes each base64 the requests hold with the base64 command, reading the values in it', () => {
    const base64 = { value: 'ldhkbase640x+/=', text: 'ops:ldhksecret1x' };
    const basic: HttpRequest = { ...request, headers: [{ name: 'Authorization', value: 'Basic ldhkbase640x+/=' }] };
    const out = commands([{ shown: basic }], [token, unused], [{ integration: 'pigeon', context: 'flag/x', request: basic }], [base64, { value: 'ldhkbase641x+/=', text: 'ldhksecret0x:x' }]);
    expect(out).toContain('# reads unused from LD_HOOK_KIT_VAR_UNUSED: export it first\n');
    expect(out).not.toContain('LD_HOOK_KIT_VAR_TOKEN');
    expect(out).toContain("# computes basicAuthHeaderValue's base64 with the base64 command\n");
    expect(out).toContain(`-H 'Authorization: Basic '"$(printf '%s' 'ops:'"$LD_HOOK_KIT_VAR_UNUSED" | base64 | tr -d '\\n')"`);
    expect(out).not.toContain('ldhk');
    expect(commands([{ shown }])).not.toContain('base64');
  });

  it('sets a flag when one of several commands fails, and ends with a status that says so', () => {
    const views: RequestView[] = [
      { integration: 'pigeon', context: 'flag/a', request },
      { integration: 'pigeon', context: 'flag/b', request },
    ];
    const out = commands([], [], views);
    expect(out.startsWith('ld_hook_kit_failed=\n')).toBe(true);
    expect(out.match(/--data-binary @- \|\| ld_hook_kit_failed=1\n/g)).toHaveLength(2);
    expect(out.endsWith('# exits non-zero when a request failed\n[ -z "$ld_hook_kit_failed" ]\n')).toBe(true);
    // One command's status is the script's already.
    expect(commands([], [], views.slice(0, 1))).not.toContain('ld_hook_kit_failed');
  });

  it('names the sample before its command, and says when the policy does not deliver it', () => {
    const dropped = { delivered: false, decidedBy: null, reason: 'no statement allows createMember on member/1' };
    const view: RequestView = { integration: 'pigeon', context: 'member/invite', request };
    expect(commands([{ shown: request }], [], [{ ...view, context: 'flag/x' }])).toMatch(/^# flag\/x\nprintf /);
    expect(commands([{ shown: request, routing: dropped }], [], [view])).toMatch(
      /^# member\/invite: the default policy does not deliver it \(no statement allows createMember on member\/1\), so LaunchDarkly would not send it\nprintf /,
    );
  });

  it('with every sample, writes a command for each sample the policy delivers, and names the others, not sent', () => {
    const dropped = { delivered: false, decidedBy: null, reason: 'no statement allows createMember on member/1' };
    const views: RequestView[] = [
      { integration: 'pigeon', context: 'flag/a', request: shown },
      { integration: 'pigeon', context: 'flag/b', problem: 'no flag template' },
      { integration: 'pigeon', context: 'member/invite', request: { ...request, headers: [{ name: 'X-Unused', value: 'ldhksecret1x' }] } },
    ];
    const items = [{ shown }, {}, { shown: views[2].request, routing: dropped, transformed: ['unused'] }];
    const out = commands(items, [token, unused], views, [], true);
    const lines = out.split('\n').filter((line) => !line.startsWith(' ') && line !== '}');
    expect(lines).toEqual([
      '# reads token from LD_HOOK_KIT_VAR_TOKEN: export it first',
      ': "${LD_HOOK_KIT_VAR_TOKEN:?set it to the value of token}"',
      '# the default policy delivers 2 of 3 sample events: a command for each; the others are named at the end, not sent (--context <ref> prints one anyway)',
      '# flag/a',
      expect.stringMatching(/^printf '%s' .* \| curl .*"\$LD_HOOK_KIT_VAR_TOKEN" .*--data-binary @-$/),
      '# flag/b: no flag template',
      '# member/invite: not sent, the default policy does not deliver it (no statement allows createMember on member/1)',
      '',
    ]);
    // What is not sent is not read, and not warned of.
    expect(out).not.toContain('unused');
  });

  it('writes a sample without a request, and why send refuses one, as comments', () => {
    const views: RequestView[] = [
      { integration: 'pigeon', context: 'member/create', problem: 'no member template' },
      { integration: 'pigeon', context: 'flag/x', request, unsendable: 'Host is written by clients' },
    ];
    const out = commands([], [], views);
    expect(out.split('\n').slice(0, 2)).toEqual(['# member/create: no member template', '# flag/x: send refuses this request: Host is written by clients']);
    expect(out).toContain("printf '%s'");
  });

  it('escapes the control characters of what its comments quote: a line break would end the comment and make the rest a command', () => {
    const injected = '\ntouch /tmp/pwned\n';
    const keyed = { ...token, key: `token${injected}` };
    const rendered = { request, signature: { headerName: `X-Sig${injected}`, secretKey: keyed.key } };
    const views: RequestView[] = [
      { integration: 'pigeon', context: `./event${injected}.json`, request: shown, bodyProblem: `templates/x${injected}.json.hbs is not JSON` },
      { integration: 'pigeon', context: 'flag/b', problem: `templates.flag names "templates/x${injected}"` },
      { integration: 'pigeon', context: 'member/invite', request },
    ];
    const dropped = { delivered: false, decidedBy: null, reason: `statement 1 denies proj/x${injected}` };
    const out = commands([{ shown, rendered, transformed: [keyed.key] }, {}, { shown: request, routing: dropped }], [keyed], views, [], true);
    expect(out).not.toMatch(/^touch/m);
    const comments = out.split('\n').filter((line) => line.startsWith('#'));
    expect(comments).toEqual(
      expect.arrayContaining([
        '# reads token\\u000atouch /tmp/pwned\\u000a from LD_HOOK_KIT_VAR_TOKEN: export it first',
        '# computes the X-Sig\\u000atouch /tmp/pwned\\u000a signature with openssl, keyed with LD_HOOK_KIT_VAR_TOKEN',
        '# stops if LD_HOOK_KIT_VAR_TOKEN holds anything but letters, digits and . _ ~ -: the template encodes or HTML-escapes the value, which this command cannot do as LaunchDarkly does (ld-hook-kit send can)',
        '# ./event\\u000atouch /tmp/pwned\\u000a.json: templates/x\\u000atouch /tmp/pwned\\u000a.json.hbs is not JSON',
        '# flag/b: templates.flag names "templates/x\\u000atouch /tmp/pwned\\u000a"',
        '# member/invite: not sent, the default policy does not deliver it (statement 1 denies proj/x\\u000atouch /tmp/pwned\\u000a)',
      ]),
    );
  });
});
