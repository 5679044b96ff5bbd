/**
 * A tiny method+template router. Templates use `{name}` segments; a path that matches a template
 * under another method yields 405 with the allowed methods, an unmatched path yields 404.
 */
export interface Route<H> {
  method: string;
  template: string;
  handler: H;
  regex: RegExp;
  keys: string[];
}

export type Match<H> =
  | { kind: 'found'; route: Route<H>; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const keys: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, template, handler, regex: new RegExp(`^${pattern}/?$`), keys });
    return this;
  }

  match(method: string, path: string): Match<H> {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'found', route, params };
    }
    return allowed.length ? { kind: 'method', allowed: [...new Set(allowed)] } : { kind: 'none' };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
