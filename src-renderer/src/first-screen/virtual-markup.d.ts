// Built in by the renderer build (electron.vite.config.ts): the customer list's first render as HTML.
declare module 'virtual:first-screen-markup' {
  import type { FirstScreenMarkup } from '../lib/first-screen-state.ts';

  const markup: FirstScreenMarkup;
  export default markup;
}
