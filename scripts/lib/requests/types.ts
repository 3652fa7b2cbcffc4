// What planning requests takes and gives: the plan asked for, and each event's request.

import type { Integration } from '../integration/load';
import type { TemplateKind } from '../integration/manifest';
import type { Routing } from '../policy';
import type { OAuthContext } from '../render/context';
import type { ResolvedFormValues, ValueSource } from '../render/form-values';
import type { HttpRequest } from '../render/http-request';
import type { RenderedRequest, RenderSetup } from '../render/request';
import type { Sample } from '../samples/types';
import type { ShellBase64, ShellValue } from './shell-values';

export interface RequestPlan {
  integration: Integration;
  /** `ref`, a path to an event file, or `all`. */
  context?: string;
  given: Record<string, string>;
  source: ValueSource;
  samples: Sample[];
  templateKind?: TemplateKind;
  /**
   * How the shown request writes secrets: `mask` puts `****` in place of each secret value (given,
   * or the manifest's default, and a given OAuth access token); `shell` puts a stand-in (see
   * `shellValues`) in place of every secret variable, given or not, and of both OAuth values, for a
   * command that reads them from the environment.
   */
  showSecretsAs?: 'mask' | 'shell';
  /**
   * For `requiresOAuth` integrations: the OAuth connection's values that were given. The preview
   * placeholders (`$OAUTH_ACCESS_TOKEN`) stand in for the others.
   */
  oauth?: Partial<OAuthContext>;
  /** Renders each event as if it happened at this time, as the framework's preview does: some services refuse old events. */
  at?: Date;
}

export interface PlannedRequest {
  sample: Sample;
  routing: Routing;
  /** The request to send. */
  rendered?: RenderedRequest;
  /**
   * The request to print: rendered with the secrets' stand-ins, so no secret can reach the
   * output in any form a helper gives it (encoded, escaped, base64). Its signature is masked when
   * a real secret made it, except for curl, which replaces the header with a shell computation.
   */
  shown?: HttpRequest;
  /** Why this event has no request: no template for its kind, or a rendering error (secrets masked). */
  problem?: string;
  /** True when the problem is an error in the integration (a template that does not render). */
  failed?: boolean;
  /**
   * True when the problem is not this event's: the integration renders no request for any event
   * (it has no endpoint). An event no template serves, or the policy drops, is not such a problem.
   */
  nothingToRender?: boolean;
  /** Why the rendered request cannot go out as written (a header HTTP clients write themselves, say): `send` refuses it. */
  unsendable?: string;
  /** Where a JSON template's body, as it would be sent, stops being JSON (see jsonBreak). */
  bodyProblem?: string;
  /** Why the destination the request posts to, when the kit knows its rules (Discord), would refuse it. */
  destinationProblem?: string;
  /**
   * With `showSecretsAs: 'shell'`: the keys of the values the templates may transform in this
   * request (an encoding helper, HTML escaping), which a shell command cannot do: a value it reads
   * with a character they change would not go out as LaunchDarkly sends it. (One given that they
   * change is in shellCannot instead.)
   */
  transformed?: string[];
  /**
   * With `showSecretsAs: 'shell'`: why a shell command cannot send this request as LaunchDarkly
   * would, one reason per value: a template transforms it past recognition, so the command would
   * never read it, or changes the value given.
   */
  shellCannot?: string[];
}

export interface PlannedRequests {
  setup: RenderSetup;
  form: ResolvedFormValues;
  items: PlannedRequest[];
  /** Every value output must mask: the secret form values, and a given OAuth access token. */
  secrets: string[];
  /** The OAuth values some request reads that were not given: it carries a placeholder instead. */
  oauthUnset: (keyof OAuthContext)[];
  /** With `showSecretsAs: 'shell'`: what the shown requests hold in place of each value the command reads from the environment. */
  shellValues: ShellValue[];
  /** With `showSecretsAs: 'shell'`: what the shown requests hold in place of each base64 the command computes (basicAuthHeaderValue over a shell value). */
  shellBase64: ShellBase64[];
}
