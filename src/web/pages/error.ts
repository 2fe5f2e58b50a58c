import { html } from '../html.js';
import { page } from '../layout.js';

export function errorPage(status: number, message: string): string {
  return page({
    title: status === 404 ? 'Not found' : 'Error',
    body: html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/">See all countries</a>.</p>`,
  });
}
