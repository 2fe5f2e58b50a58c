import { html } from '../html.js';
import { page } from '../layout.js';

const TITLES: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 405: 'Method not allowed', 500: 'Something went wrong' };

export function errorPage(status: number, message: string): string {
  return page({
    title: TITLES[status] ?? 'Error',
    body: html`<h1>${TITLES[status] ?? 'Error'}</h1><p>${message}</p><p><a href="/">Back to the map</a> · <a href="/countries">All countries</a></p>`,
  });
}
