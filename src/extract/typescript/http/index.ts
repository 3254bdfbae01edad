/** The HTTP client detectors, one per client family, tried in turn on each call. */
import type { TSESTree } from '@typescript-eslint/types';
import type { HttpCallFact } from '../../../types/index.js';
import type { FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import type { Defaults } from './axios.js';
import { detectAxios, trackAxiosDefaults } from './axios.js';
import { detectFetch } from './fetch.js';
import { detectGot } from './got.js';
import { detectMoreClients } from './more-clients.js';
import { detectNestHttp } from './nestjs.js';
import { detectProxy } from './proxies.js';
import { detectRequestFamily } from './request.js';

export type { Defaults } from './axios.js';

/** The request a call makes, if it is one. A call belongs to at most one client family. */
export function detectHttpCall(
  call: TSESTree.CallExpression,
  scope: Scope,
  defaults: Defaults,
  context: FileContext,
): HttpCallFact | null {
  return (
    detectFetch(call, scope, context) ??
    detectAxios(call, scope, defaults, context) ??
    detectGot(call, scope, context) ??
    detectNestHttp(call, scope, context) ??
    detectMoreClients(call, scope, context) ??
    detectProxy(call, scope, context) ??
    detectRequestFamily(call, scope, context)
  );
}

/** Assignments that change later requests (`axios.defaults.baseURL = …`). */
export function trackHttpAssignment(node: TSESTree.AssignmentExpression, scope: Scope, defaults: Defaults): void {
  trackAxiosDefaults(node, scope, defaults);
}
