// The fixtures the page tests feed the pages are what the backend answers: each one is checked against the
// response schema of the OpenAPI document the backend serves (tests/openapi.json, kept current by the Python
// suite's tests/contract/test_openapi.py). A backend change that would break the mini-program fails here.
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const spec = require('./openapi.json');
const f = require('./fixtures');

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
ajv.addFormat('binary', true);
ajv.addSchema({ ...spec, $id: 'openapi.json' });

function errorsOf(name, value) {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in openapi.json`);
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

const cases = [
  ['Home', 'home', f.home],
  ['ServiceSummary', 'hukou', f.hukou],
  ['ServiceSummary', 'socialCard', f.socialCard],
  ['GuideView', 'hukouGuide()', f.hukouGuide()],
  ['GuideView', 'hukouGuide(no)', f.hukouGuide({ local_hukou: 'no' })],
  ['BundleDetail', 'birthBundleDetail', f.birthBundleDetail],
  ['Profile', 'citizen', f.citizen],
  ['Profile', 'verifiedCitizen', f.verifiedCitizen],
  ['Preview', 'hukouPreview', f.hukouPreview],
  ['CaseSummary', 'caseSummary', f.caseSummary(1)],
  ['Case', 'supplementCase', f.supplementCase],
  ['Track', 'trackView', f.trackView],
  ['Payables', 'payables', f.payables],
  ['Order', 'order', f.order()],
  ['Order', 'paidOrder', f.paidOrder],
  ['OrderCreated', 'created', f.created],
  ['Orders', 'orders', f.orders],
  ['EReceipt', 'receipt', f.receipt],
];

describe('fixtures follow the OpenAPI response schemas', () => {
  test.each(cases)('%s: %s', (schema, _name, value) => {
    expect(errorsOf(schema, value)).toEqual([]);
  });

  test('a fixture the backend would not send fails', () => {
    expect(errorsOf('Profile', { ...f.citizen, verified: 'yes' })).not.toEqual([]);
    const { acceptance_no: _dropped, ...noNumber } = f.caseSummary(1);
    expect(errorsOf('CaseSummary', noNumber)).not.toEqual([]);
  });
});
