import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../src-main/app/window-options.ts';
import { effectiveTheme, WINDOW_BACKGROUND, windowBackground } from '../../../../src-main/desktop/theme.ts';

describe('window background follows the theme', () => {
  it('follows the OS unless overridden', () => {
    expect(windowBackground(true)).toBe(WINDOW_BACKGROUND.dark);
    expect(windowBackground(false)).toBe(WINDOW_BACKGROUND.light);
    expect(windowBackground(true, 'light')).toBe(WINDOW_BACKGROUND.light);
    expect(windowBackground(false, 'dark')).toBe(WINDOW_BACKGROUND.dark);
    expect(effectiveTheme(true, 'system')).toBe('dark');
  });

  it('the light background is the page background (no dark band behind a light page)', () => {
    expect(WINDOW_BACKGROUND.light).toBe('#f6f7f9');
    expect(mainWindowOptions('/p').backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(mainWindowOptions('/p', { backgroundColor: WINDOW_BACKGROUND.dark }).backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });
});
