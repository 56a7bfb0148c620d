// Who may call the local API: a caller with the installation's token, either as `Authorization: Bearer <token>`
// (scripts, the CLI) or as the HttpOnly, SameSite=Strict cookie the inspector page got by opening the printed URL
// `/?token=<token>` once. The static page itself needs no token (it holds no data); every /api/ route does.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export function cookieName(port: number): string {
  // Cookies ignore ports: two instances on one machine must not overwrite each other's.
  return `hookscope_token_${port}`;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function hasToken(req: http.IncomingMessage, token: string, port: number): boolean {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match && same(match[1]!, token)) return true;
  }
  const cookies = req.headers.cookie;
  if (typeof cookies === 'string') {
    const name = cookieName(port);
    for (const part of cookies.split(';')) {
      const [key, ...value] = part.trim().split('=');
      if (key === name && same(value.join('='), token)) return true;
    }
  }
  return false;
}

/** The Set-Cookie value that lets the page call the API from now on. */
export function tokenCookie(token: string, port: number): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export const MISSING_TOKEN_MESSAGE =
  'this API needs its token: open the inspector from the link `hookscope listen` printed, ' +
  'or send "Authorization: Bearer <token>" with the token from the api-token file in the data folder';
