/** Runs every AST detector over one program: requires, HTTP calls, listen calls and exported values. */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../types/index.js';
import { collect } from './collect.js';
import type { FileContext } from './context.js';
import { exportFacts } from './exports.js';
import type { Defaults } from './http/index.js';
import { detectHttpCall, trackHttpAssignment } from './http/index.js';
import { detectListen } from './listen.js';
import { detectRequire, importEqualsFact } from './requires.js';
import type { TrackedCall } from './guards/index.js';
import { applyGuards } from './guards/index.js';
import { detectMessagingCall, detectMessagingNew, finishMessaging, newMessagingState } from './messaging/index.js';
import { detectDbCall, detectDbNew, detectDbTagged, finishDb, newDbState } from './db/index.js';
import { withoutRollbacks } from './db/rollback.js';
import { typeormFacts } from './db/typeorm.js';
import { sequelizeMigrationFacts } from './db/sequelize.js';
import { detectRoute, finishRoutes, newRouteState } from './http/routes.js';
import { nestRouteFacts } from './http/nest-routes.js';
import { applyGrpcDeadlines } from './messaging/grpc.js';
import { exportedClients } from './exported-clients.js';
import { exportRanges } from './export-ranges.js';
import { detectImportedClientCall } from './http/imported.js';

/** What the AST detectors found. */
export interface ProgramFacts {
  facts: Fact[];
  /** Offset of a subtree the walk skipped for depth, else null. */
  tooDeepAt: number | null;
}

/**
 * Detects facts in `program`. `text` is the parsed text (for unknown-part snippets); events are handled in source
 * order, so `axios.defaults.baseURL = …` applies to the calls after it.
 */
export function analyzeProgram(program: TSESTree.Program, text: string, context: FileContext): ProgramFacts {
  const { moduleScope, events, tooDeepAt } = collect(program, text);
  const facts: Fact[] = [];
  const defaults: Defaults = new Map();
  const messaging = newMessagingState(program);
  const tracked: TrackedCall[] = [];
  const db = newDbState(program, moduleScope);
  const routes = newRouteState();
  for (const event of events) {
    switch (event.kind) {
      case 'call': {
        detectRoute(event.node, event.scope, context, routes);
        facts.push(...detectDbCall(event.node, event.scope, context, db));
        const fact =
          detectRequire(event.node, event.scope, context) ??
          detectHttpCall(event.node, event.scope, defaults, context) ??
          detectListen(event.node, event.scope, context);
        if (fact) facts.push(fact);
        if (fact?.kind === 'http-call') tracked.push({ fact, node: event.node, scope: event.scope });
        if (fact) break;
        const messages = detectMessagingCall(event.node, event.scope, context, messaging);
        for (const other of messages) {
          facts.push(other);
          if (other.kind === 'rpc-call') tracked.push({ fact: other, node: event.node, scope: event.scope });
        }
        // Last: a verb call on an imported binding may be a request through another module's client.
        const imported = messages.length === 0 ? detectImportedClientCall(event.node, event.scope, context) : null;
        if (imported) {
          facts.push(imported);
          tracked.push({ fact: imported, node: event.node, scope: event.scope });
        }
        break;
      }
      case 'new': {
        facts.push(...detectDbNew(event.node, event.scope, context));
        const rpc = detectMessagingNew(event.node, event.scope, context, messaging);
        if (rpc) facts.push(rpc);
        break;
      }
      case 'tagged':
        facts.push(...detectDbTagged(event.node, event.scope, context));
        break;
      case 'assign':
        trackHttpAssignment(event.node, event.scope, defaults);
        break;
      case 'import-equals': {
        const fact = importEqualsFact(event.node, context);
        if (fact) facts.push(fact);
        break;
      }
    }
  }
  facts.push(...finishMessaging(messaging));
  facts.push(...finishRoutes(routes, program), ...nestRouteFacts(program, moduleScope, context));
  facts.push(...finishDb(db, context));
  facts.push(...typeormFacts(program, moduleScope, context));
  facts.push(...sequelizeMigrationFacts(program, context));
  const exported = exportedClients(program, moduleScope, context);
  facts.push(...applyGuards(program, text, events, tracked, exported, context));
  facts.push(...exported.map((client) => client.fact));
  applyGrpcDeadlines(events, facts, context);
  facts.push(...exportFacts(program, moduleScope, context));
  // Only a file that talks to other services needs its export ranges (for calls made from shared libraries).
  if (facts.some((fact) => fact.kind === 'http-call' || fact.kind === 'rpc-call' || fact.kind === 'message')) {
    const ranges = exportRanges(program, moduleScope, context);
    if (ranges !== null) facts.push(ranges);
  }
  return { facts: withoutRollbacks(program, facts, context), tooDeepAt };
}
