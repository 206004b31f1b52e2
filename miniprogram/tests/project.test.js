// Checks that what WeChat DevTools loads is well-formed: the app.json pages exist, every
// usingComponents entry resolves (Vant through the package's "miniprogram" dir, which
// "构建 npm" copies into miniprogram_npm/), and all WXML/WXSS compile with WeChat's own
// compilers (wcc/wcsc, shipped in the miniprogram-compiler package).
const fs = require('fs');
const path = require('path');
const compiler = require('miniprogram-compiler');
const { ROOT } = require('./helpers/page');

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const app = readJson('app.json');
const vantPackage = require('@vant/weapp/package.json');
const VANT_DIR = path.join(path.dirname(require.resolve('@vant/weapp/package.json')), vantPackage.miniprogram);

const componentFiles = [
  ...app.pages,
  ...fs.readdirSync(path.join(ROOT, 'components')).map((name) => `components/${name}/index`),
];

test('app.json pages and tabBar pages exist', () => {
  app.pages.forEach((page) => {
    ['.js', '.json', '.wxml'].forEach((ext) => expect(fs.existsSync(path.join(ROOT, page + ext))).toBe(true));
  });
  expect(app.tabBar.list.map((tab) => [tab.pagePath, tab.text])).toEqual([
    ['pages/chat/chat', '咨询'], ['pages/home/home', '首页'], ['pages/cases/cases', '办件'], ['pages/me/me', '我的'],
  ]);
  app.tabBar.list.forEach((tab) => expect(app.pages).toContain(tab.pagePath));
});

test.each(componentFiles)('%s: every usingComponents entry resolves', (file) => {
  const using = readJson(`${file}.json`).usingComponents || {};
  Object.entries(using).forEach(([tag, target]) => {
    const resolved = target.startsWith('@vant/weapp/')
      ? path.join(VANT_DIR, target.slice('@vant/weapp/'.length))
      : path.join(target.startsWith('/') ? ROOT : path.dirname(path.join(ROOT, file)), target);
    expect([tag, fs.existsSync(`${resolved}.json`)]).toEqual([tag, true]);
  });
});

test('all WXML and WXSS compile with the official compilers', () => {
  expect(() => compiler.wxmlToJs(ROOT)).not.toThrow();
  expect(() => compiler.wxssToJs(ROOT)).not.toThrow();
});
