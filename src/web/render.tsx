// Server-side rendering: JSX (preact) to an HTML string, escaped by default.
import type { FastifyReply } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function sendPage(reply: FastifyReply, page: VNode, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send('<!doctype html>' + renderToString(page));
}

/** A CSRF token for the forms of this response (double-submit: secret in a cookie, token in the form). */
export function csrfToken(reply: FastifyReply): string {
  return (reply as unknown as { generateCsrf(): string }).generateCsrf();
}

export type Children = ComponentChildren;
