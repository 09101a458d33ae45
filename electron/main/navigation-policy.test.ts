import { describe, expect, it } from 'vitest';
import { allowNavigation, decideWindowOpen, isAppUrl, isExternalLinkAllowed } from './navigation-policy';

const APP = 'lens://app';

describe('allowNavigation (will-navigate, will-frame-navigate, will-redirect)', () => {
  it.each([
    'lens://app/index.html',
    'lens://app/',
    'lens://app/index.html?x=1#top',
    'lens://app/a/../index.html',
  ])('stays in the app: %s', (url) => {
    expect(allowNavigation(url, APP)).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://app/',
    'lens://evil/index.html',
    'lens://app.evil.example/',
    'lens://app:8080/',
    'lens://user:pw@app/',
    'lens://app@evil/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(allowNavigation(url, APP)).toBe(false);
  });
  it('works for the test host origin too', () => {
    expect(isAppUrl('http://127.0.0.1:4173/index.html', 'http://127.0.0.1:4173')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:4174/index.html', 'http://127.0.0.1:4173')).toBe(false);
  });
});

describe('decideWindowOpen (setWindowOpenHandler)', () => {
  it('never opens a window, and sends allowlisted https links to the browser', () => {
    expect(decideWindowOpen('https://github.com/akamaster/pytorch_resnet_cifar10')).toEqual({
      action: 'deny',
      openExternally: 'https://github.com/akamaster/pytorch_resnet_cifar10',
    });
    expect(
      decideWindowOpen('https://docs.pytorch.org/vision/stable/models.html').openExternally,
    ).not.toBeNull();
  });
  it.each([
    'lens://app/index.html',
    'http://github.com/',
    'https://evil.example/',
    'https://github.com.evil.example/',
    'https://user@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'about:blank',
    '',
  ])('drops %s', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
  });
  it('takes another allowlist', () => {
    expect(isExternalLinkAllowed('https://onnx.ai/', ['onnx.ai'])).toBe(true);
    expect(isExternalLinkAllowed('https://github.com/', ['onnx.ai'])).toBe(false);
  });
});
