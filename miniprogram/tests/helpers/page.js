// Loads a page of the mini-program into miniprogram-simulate.
//
// Pages are built with Component(), so miniprogram-simulate loads them like any component; the
// tests call the page lifecycles (onLoad/onShow) on the instance themselves.
//
// Templates are compiled with WeChat's official WXML compiler (wcc, shipped in the
// miniprogram-compiler package), so a page renders here the way WeChat compiles it.
//
// Vant components are replaced by the small stubs below rather than loaded from
// node_modules/@vant/weapp/lib: the real ones depend on WeChat runtime pieces that the simulator
// only partly provides (wx.getSystemInfoSync/getWindowInfo, SelectorQuery layout, canIUse
// version checks), so loading them would test Vant against the simulator rather than our pages.
// Each stub keeps the Vant tag name, the properties the pages set and renders them as text
// (class stub-<property>), so the DOM can be asserted. Tests fire Vant events the way Vant does
// (`this.$emit` is triggerEvent): `page.querySelector('#search').instance.triggerEvent('search', 'x')`.
// tests/project.test.js separately checks that every real Vant component the pages name exists.
const path = require('path');
const simulate = require('miniprogram-simulate');

const ROOT = path.resolve(__dirname, '../..');

const text = (names) => names.map((n) => `<text class="stub-${n}">{{${n}}}</text>`).join('');

const STUBS = {
  'van-search': { properties: { value: String, placeholder: String }, template: text(['value']) },
  'van-notice-bar': { properties: { text: String, leftIcon: String }, template: text(['text']) },
  'van-cell-group': { properties: { title: String, inset: Boolean }, template: `${text(['title'])}<slot/>` },
  'van-cell': {
    properties: { title: String, value: String, label: String, isLink: Boolean, icon: String },
    template: `${text(['title', 'value', 'label'])}<slot/>`,
  },
  'van-tag': { properties: { type: String, plain: Boolean }, template: '<slot/>' },
  'van-radio-group': { properties: { value: String }, template: '<slot/>' },
  'van-radio': { properties: { name: String }, template: '<slot/>' },
  'van-field': {
    properties: {
      value: String, label: String, placeholder: String, type: String, maxlength: Number, errorMessage: String,
      required: Boolean, readonly: Boolean, isLink: Boolean, autosize: Boolean,
    },
    template: text(['label', 'value', 'errorMessage']),
  },
  'van-button': {
    properties: { type: String, block: Boolean, loading: Boolean, plain: Boolean, size: String },
    template: '<slot/>',
  },
  'van-checkbox': { properties: { value: Boolean, shape: String }, template: '<slot/>' },
};

let stubIds = null;
function vantStubs() {
  if (!stubIds) {
    stubIds = {};
    Object.keys(STUBS).forEach((tag) => {
      stubIds[tag] = simulate.load({ tagName: tag, ...STUBS[tag] });
    });
  }
  return stubIds;
}

// A page definition is registered once per test file: simulate runs the page's .js through
// require(), and jest's module registry would not run it a second time.
const pageIds = {};

// loadPage('home') → a fresh rendered, attached instance of pages/home/home.
function loadPage(name) {
  if (!pageIds[name]) {
    pageIds[name] = simulate.load(path.join(ROOT, 'pages', name, name), {
      compiler: 'official', // wcc compiles every .wxml under rootPath (node_modules excluded)
      rootPath: ROOT, // resolves absolute usingComponents such as /components/material-list/index
      usingComponents: vantStubs(),
    });
  }
  const page = simulate.render(pageIds[name]);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

module.exports = { loadPage, ROOT };
