import { Command, InvalidArgumentError, Option } from 'commander';
import {
  CONTRACTS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SIGNATURE_HEADER,
  MAX_BODY_LIMIT_BYTES,
  startReceiver,
  type Receiver,
} from '../lib/delivery';
import { UserError, USAGE_EXIT_CODE } from '../lib/errors';
import { plural } from '../lib/plural';
import { HTTP_TOKEN, isLoopback } from '../lib/http-syntax';
import { paint, wantsColor } from '../lib/format/paint';
import { formatOrder, formatReceived } from '../lib/format/received';
import { collect, nonEmpty, run, wholeNumber, type ExitCode } from './shared';

const DEFAULT_RECEIVE_PORT = 8787;
const DEFAULT_RECEIVE_HOST = '127.0.0.1';
/** Failing more requests than this on purpose shows nothing more about a sender's retry. */
const MAX_FAIL_FIRST = 1_000_000;

interface ReceiveCommandOptions {
  port: number;
  host: string;
  secret?: string;
  header: string;
  failFirst?: number;
  contract?: string;
  maxBody: number;
  mask?: string[];
}

/** --host as the listener takes it: an IPv6 address may be written in brackets, as in a url. */
function listenHost(value: string): string {
  const host = nonEmpty('--host')(value);
  return /^\[[^\]]*\]$/.test(host) ? host.slice(1, -1) : host;
}

function headerName(value: string): string {
  if (!HTTP_TOKEN.test(value)) throw new InvalidArgumentError(`--header takes an HTTP header name, got "${value}"`);
  return value;
}

function listenProblem(error: NodeJS.ErrnoException, options: ReceiveCommandOptions): UserError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new UserError(`port ${options.port} is already in use; choose another with --port (0 takes any free port)`);
    case 'EACCES':
      return new UserError(`not allowed to listen on port ${options.port}; choose a port above 1023 with --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`cannot listen on --host ${options.host}: it is not an address of this machine`, USAGE_EXIT_CODE);
    default:
      return new UserError(`cannot listen on ${options.host}:${options.port}: ${error.message}`);
  }
}

/** Runs the receiver until SIGINT or SIGTERM; resolves with the exit code once it is closed. */
async function runReceive(options: ReceiveCommandOptions): Promise<ExitCode> {
  const p = paint(wantsColor(process.stdout));
  // What a request brought is masked as the receiver records it (the secret always); the rest is the tool's own words.
  const print = (text: string) => process.stdout.write(text);
  let receiver: Receiver | undefined;
  try {
    receiver = await startReceiver({
      port: options.port,
      host: options.host,
      secret: options.secret,
      signatureHeader: options.header,
      failFirst: options.failFirst,
      contract: options.contract ? CONTRACTS[options.contract] : undefined,
      maxBodyBytes: options.maxBody,
      secrets: options.mask,
      onRequest: (request) => {
        print(`\n${formatReceived(request, p)}`);
        const ordered = receiver?.received() ?? [];
        if (request.status < 300 && ordered.length > 1) print(formatOrder(ordered));
      },
    });
  } catch (error) {
    throw listenProblem(error as NodeJS.ErrnoException, options);
  }
  const running = receiver;

  const checks = [
    isLoopback(options.host) ? '' : `open to your network: anyone who can reach this machine can send requests here (--host ${DEFAULT_RECEIVE_HOST} keeps it local)`,
    options.secret ? `requests must be signed in ${options.header} (401 otherwise)` : 'signatures are not checked (no --secret)',
    options.failFirst ? options.failFirst === 1 ? 'the first request gets 500' : `the first ${options.failFirst} requests get 500` : '',
    options.contract ? `requests are checked against the ${options.contract} contract (405 or 400 when broken)` : '',
    `bodies over ${options.maxBody} bytes get 413`,
  ].filter(Boolean);
  // The tool's own words, no request's: masking them would garble the port with a short secret.
  process.stdout.write(`Listening on ${running.url}\n${checks.map((line) => p.dim(`  ${line}\n`)).join('')}${p.dim('  Ctrl-C to stop\n')}`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const all = running.requests();
  const accepted = running.received().length;
  print(`\nStopped after ${plural(all.length, 'request')}: ${accepted} accepted, ${all.length - accepted} refused.\n`);
  return 0;
}

export function registerReceiveCommand(program: Command): void {
  program
    .command('receive')
    .description('run a local endpoint that receives hook requests and shows them: signature check, contract, event-date order')
    .addOption(
      new Option('--port <number>', 'port to listen on; 0 takes any free port (the "Listening on" line says which)')
        .argParser(wholeNumber('--port', 0, 65535))
        .default(DEFAULT_RECEIVE_PORT),
    )
    // An empty host is every address: the receiver would be open to the network.
    .addOption(new Option('--host <host>', 'address to listen on; anything but loopback exposes the receiver to your network').argParser(listenHost).default(DEFAULT_RECEIVE_HOST))
    .addOption(new Option('--secret <secret>', 'shared signing secret: answer 401 to requests without a valid signature (masked in all output)').argParser(nonEmpty('--secret')))
    .addOption(new Option('--header <name>', 'header carrying the signature (the manifest\'s hmacSignature.headerName)').argParser(headerName).default(DEFAULT_SIGNATURE_HEADER))
    .addOption(new Option('--fail-first <n>', 'answer 500 to the first n requests (with --secret, the first n correctly signed ones), to watch a sender retry').argParser(wholeNumber('--fail-first', 0, MAX_FAIL_FIRST)))
    .addOption(new Option('--contract <name>', 'check each request against a destination\'s rules (method, media type, body) and answer 405 or 400 like it would').choices(Object.keys(CONTRACTS)))
    .addOption(
      new Option('--max-body <bytes>', `largest body accepted (at most ${MAX_BODY_LIMIT_BYTES}); larger ones get 413 and are not read further`)
        .argParser(wholeNumber('--max-body', 1, MAX_BODY_LIMIT_BYTES))
        .default(DEFAULT_MAX_BODY_BYTES),
    )
    .addOption(
      new Option('--mask <value>', 'a value to show as **** wherever a request brings it: a token in the path, a header or the body (repeatable)').argParser(
        (value: string, previous: string[] | undefined) => collect(nonEmpty('--mask')(value), previous),
      ),
    )
    .addHelpText(
      'after',
      [
        '',
        'Prints one block per request (status and why, headers, body) and the accepted events in',
        'event-date order, since deliveries can arrive out of order. Answers 204 to what it accepts',
        '(with --contract discord, 200 and the created message to ?wait=true, as Discord does).',
        'Credential headers (Authorization, Cookie, names with token, key, secret, auth or signature) show masked, and so does',
        'a value shaped like a hex HMAC-SHA256, whatever header holds it.',
        'Stops on Ctrl-C (SIGINT) or SIGTERM with a summary.',
        'Exit codes: 0 stopped normally, 1 cannot listen on the port (in use, not allowed), 2 usage error (a --host that is not an address of this machine too).',
        '',
        'Examples:',
        '  $ ld-hook-kit receive --port 8787 --secret "$HOOK_SECRET"',
        '  $ ld-hook-kit receive --contract discord --fail-first 1',
        '  $ ld-hook-kit receive --mask "$DISCORD_WEBHOOK_TOKEN"',
      ].join('\n'),
    )
    .action((options: ReceiveCommandOptions) => run(() => runReceive(options)));
}
