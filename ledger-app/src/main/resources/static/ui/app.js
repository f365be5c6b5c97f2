// The auditors' page. Plain JavaScript, no framework, no network beyond this ledger's
// own API: it must work offline. Amounts stay decimal strings from the API to the
// screen; only pixel positions in the chart are ever computed as numbers.
'use strict';

const TEXT = {
  title: ['预算台账', 'Budget ledger'], signIn: ['登录', 'Sign in'], signOut: ['退出', 'Sign out'],
  signInHint: ['请用台账账户登录', 'Sign in with your ledger account'], user: ['用户名', 'User'], password: ['密码', 'Password'],
  badLogin: ['用户名或密码不正确', 'Wrong user or password'],
  tooMany: ['登录失败次数过多，请 {s} 秒后再试', 'Too many failed sign-ins; try again in {s} s'],
  noRole: ['此账户无权查阅台账（需审计角色）', 'This account may not read the ledger (auditor role needed)'],
  asOf: ['记录截至', 'Recorded by'], now: ['当前', 'now'], departments: ['全部部门', 'Departments'], department: ['部门', 'Department'],
  units: ['预算单位', 'Units'], unit: ['预算单位', 'Unit'], projects: ['项目', 'Projects'], project: ['项目', 'Project'],
  fiscalYear: ['年度', 'Fiscal year'], declared: ['申报数', 'Declared'], computed: ['调整后预算', 'Adjusted budget'], variance: ['与申报数差额', 'Variance from declared'],
  total: ['总计', 'Total'], FISCAL_APPROPRIATION: ['财政拨款', 'Fiscal appropriation'], SPECIAL_ACCOUNT: ['财政专户拨款', 'Special account'],
  OTHER: ['其他资金', 'Other funds'], count: ['项目数', 'Projects'], indicators: ['绩效指标', 'Indicators'], goal: ['绩效目标', 'Goal'],
  allocations: ['资金安排', 'Allocations'], source: ['资金来源', 'Funding source'], amount: ['金额（万元）', 'Amount (万元)'],
  history: ['变动历史', 'History'], withdrawn: ['已撤销', 'withdrawn'], no: ['序号', 'No.'], level1: ['一级指标', 'Level 1'],
  level2: ['二级指标', 'Level 2'], name: ['名称', 'Name'], periodTarget: ['实施期目标', 'Period target'],
  annualTarget: ['年度目标', 'Annual target'], flags: ['数据质量', 'Data quality'], CATEGORY_MISMATCH: ['指标类别不符', 'category mismatch'],
  TARGETS_DIFFER: ['期目标与年度目标不同', 'period and annual targets differ'], UNREADABLE_TARGET: ['目标值无法解读', 'target unreadable'],
  qualitative: ['定性', 'qualitative'], historyOf: ['变动历史：', 'History of '], finalValue: ['最终值', 'Final value'],
  consistent: ['各步相加与最终值一致', 'the steps add up to the final value'], inconsistent: ['各步相加与最终值不一致！', 'the steps do NOT add up!'],
  position: ['位置', 'Position'], recordedAt: ['记录时间（北京时间）', 'Recorded (Beijing time)'], effectiveDate: ['生效日期', 'Effective'], event: ['事件', 'Event'],
  actor: ['操作人', 'Who'], reason: ['原因', 'Why'], document: ['文件', 'Document'], before: ['变动前', 'Before'], delta: ['变动', 'Change'],
  after: ['变动后', 'After'], nothing: ['无', 'none'], notFound: ['未找到', 'Not found'], failed: ['读取失败', 'Could not load'],
  noHistory: ['此日期前没有变动', 'No change up to this date'], level1_1: ['产出指标', 'Output'], level1_2: ['效益指标', 'Outcome'],
  level1_3: ['满意度指标', 'Satisfaction'], level2_11: ['数量指标', 'Quantity'], level2_12: ['质量指标', 'Quality'], level2_13: ['时效指标', 'Timeliness'],
  level2_14: ['成本指标', 'Cost'], level2_21: ['经济效益', 'Economic'], level2_22: ['社会效益', 'Social'], level2_23: ['生态效益', 'Ecological'],
  level2_24: ['可持续影响', 'Sustainability'], level2_31: ['服务对象满意度', 'Beneficiary satisfaction'], asOfNote: ['以下为截至 {0} 日终（北京时间）所记录的数据', 'Figures as recorded by the end of {0} (Beijing time)'],
  indicator: ['指标', 'Indicator'], removed: ['已删除', 'removed'],
  firstChanges: ['仅显示前 {0} 条变动；最终值计入全部变动', 'Only the first {0} changes are shown; the final value counts them all'],
  moreChanges: ['再显示 {0} 条变动', 'Show {0} more changes'],
  exportCsv: ['导出 CSV', 'Export CSV'], exportXlsx: ['导出 Excel', 'Export Excel'], exported: ['已导出 {0}（{1} 字节）', 'Exported {0} ({1} bytes)'],
  nothingAsOf: ['截至 {0} 日终，台账中尚无记录', 'Nothing was recorded in the ledger up to the end of {0}'],
  importedFrom: ['导入自 {0}', 'imported from {0}'],
  ProjectCreated: ['项目创建', 'Project created'], AllocationRevised: ['资金调整', 'Allocation revised'],
  AllocationTransferred: ['资金调剂', 'Allocation transferred'], GoalRevised: ['目标调整', 'Goal revised'],
  IndicatorAdded: ['指标新增', 'Indicator added'], IndicatorRevised: ['指标调整', 'Indicator revised'],
  IndicatorRemoved: ['指标删除', 'Indicator removed'], ProjectWithdrawn: ['项目撤销', 'Project withdrawn'],
  UnitRegistered: ['单位登记', 'Unit registered'], DeclaredTotalRecorded: ['申报数记录', 'Declared total recorded'],
  ListedProjectsChanged: ['项目清单变动', 'Listed projects changed'], DocumentImported: ['文件导入', 'Document imported'],
  atAGlance: ['一览', 'At a glance'],
  findingsIn: ['最近导入的文件 {0} 有 {1} 条数据质量发现', 'The last imported document, {0}, has {1} data-quality findings'],
  noImports: ['此部门的数据未经文件导入', 'Nothing in this department came from an imported document'],
  imports: ['已导入的文件', 'Imported documents'], changes: ['变动', 'Changes'], findings: ['数据质量发现', 'Findings'],
  line: ['行', 'Line'], kind: ['类别', 'Kind'], message: ['说明', 'What is wrong'], sourceLine: ['原文', 'Source line'],
  findingsOf: ['{0}：{1} 条发现', '{0}: {1} findings'],
  TOTAL_VARIANCE: ['合计不符', 'total variance'], PAGE_REPEAT: ['跨页重复行', 'row repeated at page break'], UNPLACED_TEXT: ['无法归位的文字', 'text placed nowhere'],
  projectsCreated: ['项目新增', 'projects created'], projectsWithdrawn: ['项目撤销', 'projects withdrawn'],
  allocationsRevised: ['资金调整', 'allocations revised'], goalsRevised: ['目标调整', 'goals revised'], indicatorsAdded: ['指标新增', 'indicators added'],
  indicatorsRevised: ['指标调整', 'indicators revised'], indicatorsRemoved: ['指标删除', 'indicators removed'],
  declaredTotalsRecorded: ['申报数记录', 'declared totals recorded'], unchanged: ['无变动', 'no change'],
  changeReport: ['两日期间的变动', 'Changes between two dates'], allKinds: ['全部类别', 'Every kind'], allProjects: ['全部项目', 'Every project'],
  withoutImports: ['不含文件导入', 'Leave out imports'], anyone: ['任何操作人', 'anyone'], from: ['自', 'From'], to: ['至', 'To'], show: ['查看', 'Show'],
  reportSpan: ['{0} 日初至 {1} 日终（北京时间）之间记录的变动', 'Changes recorded from the start of {0} to the end of {1} (Beijing time)'],
  noChanges: ['此期间没有变动', 'No change in this period'], whatChanged: ['资金来源或内容', 'Source or what'],
  spent: ['已支出', 'Spent'], available: ['可用余额', 'Available'], executionRate: ['执行率', 'Execution'],
  spentHistory: ['支出明细', 'Payments'], ExpenditureRecorded: ['支出', 'Payment'], ExpenditureReversed: ['支出冲销', 'Payment reversed'],
  IndicatorResultReported: ['绩效结果', 'Result reported'], paidOn: ['支付日期', 'Paid on'], voucherNo: ['凭证号', 'Voucher'],
  midYear: ['年中完成值', 'Mid-year result'], annual: ['全年完成值', 'Annual result'], met: ['达成', 'met'], notMet: ['未达成', 'not met'],
  judge: ['待人工判断', 'for a person to judge'], selfEvaluation: ['绩效自评表', 'Self-evaluation'],
  notMetOnly: ['只看未达成的指标', 'Only indicators not met'], exportSelfCsv: ['导出自评表 CSV', 'Export self-evaluation CSV'],
  exportSelfXlsx: ['导出自评表 Excel', 'Export self-evaluation Excel'], allMet: ['没有未达成的指标', 'No indicator falls short'],
  budget: ['年度预算数', 'Budget'],
  effectiveOn: ['生效截至', 'Effective by'], effectiveNote: ['只计 {0} 日终前生效的变动', 'Counting only what took effect by the end of {0}'],
  original: ['年初预算', 'Original budget'], adjustments: ['调整数', 'Adjustments'], adjusted: ['调整后预算', 'Adjusted budget'],
  documentVariance: ['文件自身差额', 'The document\'s own variance'], tenThousand: ['（万元）', ' (万元)'],
  docAgree: ['部门及各单位的申报数与文件各行合计一致', 'Each declared total agrees with the rows of its document'],
  docDisagree: ['{0} 处申报数与文件各行合计不一致', 'In {0} places a declared total disagrees with the rows of its document'],
  adjustedSince: ['年初预算 {0}，调整数 {1}：调剂、追加等年内调整不计为差错', 'Original budget {0}, adjustments {1}: in-year adjustments are not errors'],
  notReported: ['未填报', 'not reported'], inProgress: ['进行中', 'in progress'], zone: ['北京时间', 'Beijing time'],
  madeAt: ['生成于 {0}', 'Made {0}'], recordedBy: ['记录截至 {0}', 'Recorded by {0}'], latest: ['最新', 'latest'],
  exportPayments: ['导出支出明细', 'Export payments'], payee: ['收款人', 'Payee'], reverses: ['冲销原凭证', 'reverses voucher'], economicClass: ['经济分类', 'Economic class'],
  search: ['查找', 'Find'], searchHint: ['项目名称、凭证号或文号', 'project name, voucher or 文号'], nothingFound: ['没有找到', 'Nothing found'],
  found_PROJECT: ['项目', 'project'], found_PAYMENT: ['支出', 'payment'], found_CHANGE: ['文号', '文号'],
};
/** The ledger's day: dates and times are shown in it (the server's LEDGER_ZONE, Asia/Shanghai by default). */
const ZONE = 'Asia/Shanghai';
const SOURCES = ['FISCAL_APPROPRIATION', 'SPECIAL_ACCOUNT', 'OTHER'];

const state = { authorization: null, lang: 'zh', asOf: '', effectiveOn: '' };

function t(key, ...args) {
  const entry = TEXT[key];
  let text = entry ? entry[state.lang === 'zh' ? 0 : 1] : key;
  args.forEach((arg, i) => { text = text.replace('{' + i + '}', arg); });
  return text;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  // a link to another page of the ledger keeps the dates chosen, so that the address always says what the page shows
  if (tag === 'a' && String(attributes.href || '').startsWith('#/')) attributes = { ...attributes, href: withView(attributes.href) };
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

/** 1234567.5 → "1,234,567.5", from and to text: no rounding, no floating point. */
function money(amount) {
  if (amount === null || amount === undefined) return '—';
  const [whole, fraction] = String(amount).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + digits + (fraction ? '.' + fraction : '');
}

/** The view's dates (recorded by, effective by) in a page's address, beside its own parameters. */
function withView(href) {
  const [path, query] = href.split('?');
  const params = new URLSearchParams(query);
  [['asOf', state.asOf], ['effectiveOn', state.effectiveOn]].forEach(([name, value]) => {
    if (value) params.set(name, value); else params.delete(name);
  });
  return path + (params.toString() ? '?' + params : '');
}

function isZero(amount) {
  return amount === null || amount === undefined || /^-?0*(\.0*)?$/.test(String(amount));
}

/** An amount in millionths as an exact BigInt, for placing it on the chart. */
function micros(amount) {
  const [whole, fraction = ''] = String(amount).replace('-', '').split('.');
  const value = BigInt(whole || '0') * 1000000n + BigInt((fraction + '000000').slice(0, 6));
  return String(amount).startsWith('-') ? -value : value;
}

async function api(path, params = {}) {
  const query = viewQuery(params);
  const response = await fetch('/api/v1' + path + (query.toString() ? '?' + query : ''), {
    headers: { Authorization: state.authorization, 'X-Requested-With': 'ledger-web', Accept: 'application/json' },
  });
  if (response.status === 401) { signOut(t('badLogin')); throw new Error('signed out'); }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    // the ledger's own words in the page's language where it gives them
    const detail = state.lang === 'zh' ? problem.detailZh : problem.detail;
    throw new Error((response.status === 404 ? t('notFound') : t('failed')) + (detail ? '：' + detail : ''));
  }
  return response.json();
}

function viewQuery(params) {
  return new URLSearchParams(Object.entries({ ...params, asOf: state.asOf || null, effectiveOn: state.effectiveOn || null }).filter(([, v]) => v));
}

/** A file from the API (an export), saved by the browser under the name the ledger gives it. */
async function download(path, params, done) {
  const query = viewQuery(params);
  const response = await fetch('/api/v1' + path + '?' + query, { headers: { Authorization: state.authorization, 'X-Requested-With': 'ledger-web' } });
  if (!response.ok) { done.textContent = t('failed'); done.className = 'error'; return; }
  const blob = await response.blob();
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') || '');
  const file = name ? decodeURIComponent(name[1]) : 'export.' + params.format;
  const link = el('a', { href: URL.createObjectURL(blob), download: file });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  done.textContent = t('exported', file, blob.size.toLocaleString());
}

// ---------- signing in ----------

async function signIn(event) {
  event.preventDefault();
  const user = document.getElementById('login-user').value;
  const password = document.getElementById('login-password').value;
  // Base64 of UTF-8, so that names in Chinese sign in too
  const authorization = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
  const response = await fetch('/api/v1/departments', { headers: { Authorization: authorization, 'X-Requested-With': 'ledger-web' } });
  const error = document.getElementById('login-error');
  if (response.status === 401) { error.textContent = t('badLogin'); return; }
  if (response.status === 403) { error.textContent = t('noRole'); return; }
  if (response.status === 429) { error.textContent = t('tooMany').replace('{s}', response.headers.get('Retry-After') || '1'); return; }
  if (!response.ok) { error.textContent = t('failed'); return; }
  document.getElementById('login-password').value = '';
  error.textContent = '';
  signedIn(authorization);
}

/**
 * The credentials are kept for this tab only (sessionStorage): a reload keeps the
 * auditor signed in, closing the tab or signing out forgets them. The page runs no
 * script but its own (its content security policy), which is what keeps them there.
 */
function signedIn(authorization) {
  state.authorization = authorization;
  sessionStorage.setItem('ledger.authorization', authorization);
  document.getElementById('login').hidden = true;
  document.getElementById('bar').hidden = false;
  route();
}

function signOut(message = '') {
  state.authorization = null;
  sessionStorage.removeItem('ledger.authorization');
  document.getElementById('bar').hidden = true;
  document.getElementById('view').replaceChildren();
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message;
}

// ---------- views ----------

/** A level of the way back, named: 部门 · 办事处 › 单位 · 办事处, when an office is both. */
function level(key, name) {
  return t(key) + ' · ' + name;
}

/** The way back to a page, shown above it; returned with the page's content, so that only the page shown sets it. */
function crumbs(...links) {
  return { way: links.map(([label, href]) => el('span', {}, href ? el('a', { href }, label) : label)) };
}

/**
 * A link to the history of a figure: a project's total or one of its sources, a unit's or a department's total;
 * with figure 'spent' what it spent, payment by payment.
 */
function historyLink(path, source, figure) {
  const query = new URLSearchParams(Object.entries({ source, figure }).filter(([, v]) => v)).toString();
  return el('a', { href: '#/' + path + '/history' + (query ? '?' + query : ''), class: figure ? 'spent-link' : 'history-link',
    'data-source': source || 'TOTAL' }, figure ? t('spentHistory') : t('history'));
}

/**
 * Dates are typed as the ledger reads them, 2025-07-01, whatever the browser's language:
 * a browser's own date picker shows 07/01/2025 in an English browser, which a finance
 * officer reads as the 7th of January. A date that is not one is marked and not used.
 */
function acceptDate(input, emptyAllowed) {
  const value = input.value.trim();
  const day = new Date(value + 'T00:00:00Z');
  // 2025-13-01 is no date at all (an invalid Date), 2025-02-30 one that rolls over into March
  const valid = (emptyAllowed && value === '') || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !isNaN(day)
    && day.toISOString().slice(0, 10) === value);
  input.classList.toggle('invalid', !valid);
  input.setAttribute('aria-invalid', String(!valid));
  return valid;
}

function asOfNote() {
  return [state.asOf ? el('p', { class: 'note', id: 'as-of-note' }, t('asOfNote', state.asOf)) : '',
    state.effectiveOn ? el('p', { class: 'note', id: 'effective-note' }, t('effectiveNote', state.effectiveOn)) : '',
    printHeading()];
}

/** Printed pages say what they show and when they were printed; the screen does not need it. */
function printHeading() {
  return el('p', { class: 'print-only', id: 'print-heading' }, [t('recordedBy', state.asOf || t('latest')),
    state.effectiveOn ? t('effectiveNote', state.effectiveOn) : '', t('madeAt', localTime(new Date()) + ' ' + t('zone'))].filter(Boolean).join(' · '));
}

function varianceCell(variance) {
  return el('td', { class: 'num variance-cell' + (isZero(variance) ? '' : ' off') }, money(variance));
}

/** "0.7512" → "75.12%": the rate's decimal text moved two places, no arithmetic on it. */
function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  const [whole, fraction = ''] = String(rate).split('.');
  const digits = (whole + fraction.padEnd(4, '0')).replace(/^0+(?=\d{3})/, '');
  return digits.slice(0, -2).replace(/^0+(?=\d)/, '') + '.' + digits.slice(-2) + '%';
}

/** The execution rate as a bar (its width only is computed as a number) with its exact text beside it. */
function executionBar(rate) {
  // anything spent shows, however small beside the allocation
  const fill = el('span', { class: rate !== null && rate !== undefined && !isZero(rate) ? 'some' : null });
  // set through the style object: the page's content security policy refuses style attributes
  fill.style.width = (rate === null || rate === undefined ? 0 : Math.min(100, Number(rate) * 100)) + '%';
  return el('span', { class: 'execution' }, el('span', { class: 'bar', 'aria-hidden': 'true' }, fill), el('span', { class: 'rate' }, percent(rate)));
}

function executionCells(figure) {
  return [el('td', { class: 'num' }, money(figure.spent)), el('td', { class: 'num wide' }, money(figure.available)),
    el('td', { class: 'execution-cell' }, executionBar(figure.executionRate))];
}

function executionHeaders() {
  return [amountHeader('spent'), amountHeader('available', 'num wide'), el('th', {}, t('executionRate'))];
}

/** Whether a result meets its target: 达成, 未达成, or left to a person — with the ledger's reason on hover. */
function judged(result, midYear) {
  if (!result) return el('span', { class: 'verdict open missing' }, t('notReported'));
  // a mid-year result is measured against the annual target: short of it is the year still under way, not a failure
  const [label, kind] = result.met === null ? ['judge', 'open'] : result.met ? ['met', 'met'] : midYear ? ['inProgress', 'open'] : ['notMet', 'not-met'];
  return [result.actual, ' ', el('span', { class: 'verdict ' + kind, title: state.lang === 'zh' ? result.reasonZh : result.reason, 'data-met': String(result.met) }, t(label))];
}

function sourceHeaders() {
  return SOURCES.map(source => el('th', { class: 'num wide source' }, t(source) + t('tenThousand')));
}

/** A heading of an amount column: its name and the unit, 万元. */
function amountHeader(key, className = 'num') {
  return el('th', { class: className }, t(key) + t('tenThousand'));
}

/** 年初预算, 调整数 and 调整后预算 of a department, unit or project. */
function budgetFacts(figure, historyPath) {
  return [el('dt', {}, t('original')), el('dd', { class: 'original' }, money(figure.originalTotal)),
    el('dt', {}, t('adjustments')), el('dd', { class: 'adjustments' }, money(figure.adjustments)),
    el('dt', {}, t('adjusted')), el('dd', {}, money(figure.computedTotal ?? figure.total), ' ', historyLink(historyPath))];
}

function sourceCells(allocations) {
  return SOURCES.map(source => el('td', { class: 'num wide source' }, money(allocations?.[source])));
}

async function departmentsView() {
  const way = crumbs([t('departments')]);
  const departments = await api('/departments');
  if (!departments.length && state.asOf) return [way, el('h1', {}, t('departments')), el('p', { class: 'note', id: 'nothing-as-of' }, t('nothingAsOf', state.asOf))];
  return [way, el('h1', {}, t('departments')), asOfNote(), el('div', { class: 'scroll' }, el('table', { id: 'departments' },
    el('thead', {}, el('tr', {}, el('th', {}, t('department')), el('th', {}, t('fiscalYear')), amountHeader('declared'),
      amountHeader('original', 'num wide'), amountHeader('adjustments', 'num wide'), amountHeader('computed'), amountHeader('documentVariance'),
      sourceHeaders())),
    el('tbody', {}, departments.map(d => el('tr', { class: isZero(d.documentVariance) ? '' : 'variance' },
      el('td', {}, el('a', { href: '#/departments/' + d.departmentId }, d.name)), el('td', {}, String(d.fiscalYear)),
      el('td', { class: 'num' }, money(d.declaredTotal)), el('td', { class: 'num wide' }, money(d.originalTotal)),
      el('td', { class: 'num wide' }, money(d.adjustments)), el('td', { class: 'num' }, money(d.computedTotal)), varianceCell(d.documentVariance),
      sourceCells(d.allocations))))))];
}

async function departmentView(id) {
  const [department, units, imports] = await Promise.all([api('/departments/' + id), api('/departments/' + id + '/units'),
    api('/departments/' + id + '/imports')]);
  const way = crumbs([t('departments'), '#/'], [level('department', department.name)]);
  const exported = el('span', { class: 'note', id: 'exported' });
  const exportButton = (format, label) => {
    const button = el('button', { type: 'button', class: 'export', 'data-format': format }, t(label));
    button.addEventListener('click', () => download('/departments/' + id + '/export', { format }, exported));
    return button;
  };
  return [way, el('h1', {}, department.name + ' · ' + department.fiscalYear), asOfNote(),
    el('p', { class: 'actions' }, exportButton('csv', 'exportCsv'), ' ', exportButton('xlsx', 'exportXlsx'), ' ', paymentsButton(id, exported),
      ' ', exported),
    searchBox(id),
    el('dl', { class: 'facts' }, el('dt', {}, t('declared')), el('dd', {}, money(department.declaredTotal)),
      el('dt', {}, t('documentVariance')), el('dd', { class: isZero(department.documentVariance) ? '' : 'error' }, money(department.documentVariance)),
      budgetFacts(department, 'departments/' + id),
      el('dt', {}, t('variance')), el('dd', {}, money(department.variance)),
      el('dt', {}, t('spent')), el('dd', { id: 'department-spent' }, money(department.spent), ' ', historyLink('departments/' + id, null, 'spent')),
      el('dt', {}, t('executionRate')), el('dd', {}, executionBar(department.executionRate))),
    atAGlance(department, units, imports),
    el('h2', {}, t('units')), el('div', { class: 'scroll' }, el('table', { id: 'units' },
      el('thead', {}, el('tr', {}, el('th', {}, t('unit')), el('th', { class: 'num' }, t('count')), amountHeader('declared'),
        amountHeader('original', 'num wide'), amountHeader('adjustments', 'num wide'), amountHeader('computed'), amountHeader('documentVariance'),
        executionHeaders(), sourceHeaders())),
      el('tbody', {}, units.map(u => el('tr', { class: isZero(u.documentVariance) ? '' : 'variance', 'data-unit': u.unitId },
        el('td', {}, el('a', { href: '#/units/' + u.unitId }, u.name)), el('td', { class: 'num' }, String(u.projects)),
        el('td', { class: 'num' }, money(u.declaredTotal)), el('td', { class: 'num wide' }, money(u.originalTotal)),
        el('td', { class: 'num wide' }, money(u.adjustments)), el('td', { class: 'num' }, money(u.computedTotal)), varianceCell(u.documentVariance),
        executionCells(u), sourceCells(u.allocations)))))),
    await selfEvaluation(id), changeReport(id, units), importedDocuments(imports)];
}

/** The department's payments (支出明细表) as a workbook, at the dates chosen. */
function paymentsButton(id, exported) {
  const button = el('button', { type: 'button', class: 'export-payments', 'data-format': 'xlsx' }, t('exportPayments'));
  button.addEventListener('click', () => download('/departments/' + id + '/payments', { format: 'xlsx' }, exported));
  return button;
}

/** One box finds a project by name, a payment by voucher number, a change by 文号, across the department. */
function searchBox(id) {
  const input = el('input', { id: 'search', type: 'search', size: 28, placeholder: t('searchHint'), autocomplete: 'off' });
  const results = el('ul', { id: 'search-results', class: 'search-results' });
  const form = el('form', { id: 'search-form', class: 'actions', role: 'search' }, input, el('button', { type: 'submit' }, t('search')), results);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!input.value.trim()) { results.replaceChildren(); return; }
    try {
      const found = await api('/departments/' + id + '/search', { q: input.value.trim() });
      results.replaceChildren(...(found.length ? found.map(match => el('li', { 'data-kind': match.kind }, el('span', { class: 'flag' }, t('found_' + match.kind)), ' ',
        match.projectId ? el('a', { href: '#/projects/' + match.projectId + (match.kind === 'PAYMENT' ? '/history?figure=spent' : '') },
          match.name || match.projectId) : t('department'), match.unit ? el('span', { class: 'reading' }, ' · ' + match.unit) : '',
        match.voucherNo && match.kind === 'PAYMENT' ? ' · ' + t('voucherNo') + ' ' + match.voucherNo : '',
        match.documentNumber && match.kind === 'CHANGE' ? ' · ' + match.documentNumber + ' · ' + t(match.eventType) : '',
        match.recordedAt ? el('span', { class: 'reading' }, ' ' + localTime(match.recordedAt)) : ''))
        : [el('li', { class: 'note' }, t('nothingFound'))]));
    } catch (e) {
      results.replaceChildren(el('li', { class: 'error' }, e.message));
    }
  });
  return form;
}

/**
 * The department's execution and results in the shape of a self-evaluation (绩效自评表):
 * per project its budget, spending and rate, per indicator its target and results; a
 * filter keeps only the indicators whose latest result falls short of the target.
 */
async function selfEvaluation(id) {
  const table = await api('/departments/' + id + '/self-evaluation');
  const exported = el('span', { class: 'note', id: 'self-evaluation-exported' });
  const exportButton = (format, label) => {
    const button = el('button', { type: 'button', class: 'export-self', 'data-format': format }, t(label));
    button.addEventListener('click', () => download('/departments/' + id + '/self-evaluation', { format }, exported));
    return button;
  };
  const filter = el('input', { type: 'checkbox', id: 'not-met-only' });
  const none = el('p', { class: 'note', id: 'all-met', hidden: true }, t('allMet'));
  // a project's name and money once, over the rows of its indicators
  const spans = {};
  table.lines.forEach(line => { spans[line.projectId] = (spans[line.projectId] || 0) + 1; });
  const projectCells = line => [el('td', { class: 'name project-cell', rowspan: spans[line.projectId] },
    el('a', { href: '#/projects/' + line.projectId }, line.project), el('div', { class: 'reading' }, line.unit)),
  el('td', { class: 'num wide project-cell', rowspan: spans[line.projectId] }, money(line.allocated)),
  el('td', { class: 'num project-cell', rowspan: spans[line.projectId] }, money(line.spent)),
  el('td', { class: 'execution-cell project-cell', rowspan: spans[line.projectId] }, executionBar(line.executionRate))];
  const rows = table.lines.map((line, n) => el('tr', { 'data-not-met': String(notMet(line)), 'data-project': line.projectId },
    n === 0 || table.lines[n - 1].projectId !== line.projectId ? projectCells(line) : [],
    el('td', { class: 'name' }, line.indicator || '', el('div', { class: 'reading' }, [line.level1, line.level2].filter(Boolean).join(' · '))),
    el('td', {}, line.annualTarget || ''), el('td', {}, line.indicator ? judged(line.midYear, true) : ''),
    el('td', {}, line.indicator ? judged(line.annual) : '')));
  filter.addEventListener('change', () => {
    // filtered, each row stands alone: the project's cells are repeated on it rather than spanning hidden rows
    rows.forEach((row, n) => {
      row.hidden = filter.checked && row.dataset.notMet !== 'true';
      row.querySelectorAll('.project-cell').forEach(cell => cell.remove());
      const line = table.lines[n];
      const first = filter.checked || n === 0 || table.lines[n - 1].projectId !== line.projectId;
      if (first) row.prepend(...projectCells(line).map(cell => { if (filter.checked) cell.removeAttribute('rowspan'); return cell; }));
    });
    none.hidden = !filter.checked || rows.some(row => !row.hidden);
  });
  return [el('h2', {}, t('selfEvaluation')),
    el('p', { class: 'actions' }, el('label', {}, filter, ' ', t('notMetOnly')), exportButton('csv', 'exportSelfCsv'), exportButton('xlsx', 'exportSelfXlsx'),
      exported),
    el('div', { class: 'scroll' }, el('table', { id: 'self-evaluation' },
      el('thead', {}, el('tr', {}, el('th', {}, t('project')), amountHeader('budget', 'num wide'), amountHeader('spent'),
        el('th', {}, t('executionRate')), el('th', {}, t('indicator')), el('th', {}, t('annualTarget')), el('th', {}, t('midYear')),
        el('th', {}, t('annual')))),
      el('tbody', {}, rows))), none];
}

/** A line falls short when its annual result does not meet the target; short at mid-year is the year under way. */
function notMet(line) {
  return !!line.annual && line.annual.met === false;
}

/**
 * What an auditor looks for first: every place where a declared total and the sum of
 * its projects disagree, and how many findings the last imported document had.
 */
function atAGlance(department, units, imports) {
  // the document's own disagreements only (declared − its rows): an approved transfer or revision since is no error
  // a department's own office is often also one of its units, under the same name: say which figure is meant
  const off = [...(isZero(department.documentVariance) ? [] : [{ name: t('department') + ' · ' + department.name,
    variance: department.documentVariance, href: '#/departments/' + department.departmentId + '/history' }]),
  ...units.filter(u => !isZero(u.documentVariance)).map(u => ({ name: t('unit') + ' · ' + u.name, variance: u.documentVariance,
    href: '#/units/' + u.unitId }))];
  const last = imports[imports.length - 1];
  return el('section', { id: 'at-a-glance', class: 'glance' + (off.length ? ' off' : '') }, el('h2', {}, t('atAGlance')),
    el('p', { id: 'disagreements' }, off.length ? t('docDisagree', off.length) : t('docAgree')),
    off.length ? el('ul', {}, off.map(o => el('li', {}, el('a', { href: o.href }, o.name), ' ',
      el('span', { class: 'error' }, t('documentVariance') + ' ' + money(o.variance))))) : '',
    el('p', { id: 'adjusted-since' }, t('adjustedSince', money(department.originalTotal), money(department.adjustments))),
    el('p', { id: 'findings-summary' }, last
      ? [t('findingsIn', last.document, last.findings.length), last.findings.length ? ' (' + findingKinds(last.findings) + ') ' : ' ',
        last.findings.length ? findingsLink(last.position, t('findings')) : '']
      : t('noImports')));
}

/** Opens an import's findings further down the page; not a link, since the address names the page shown. */
function findingsLink(position, label) {
  const button = el('button', { type: 'button', class: 'link findings-link' }, label);
  button.addEventListener('click', () => {
    const findings = document.getElementById('import-' + position);
    findings.open = true;
    findings.scrollIntoView({ block: 'start' });
  });
  return button;
}

function findingKinds(findings) {
  const counts = {};
  findings.forEach(f => { counts[f.kind] = (counts[f.kind] || 0) + 1; });
  return Object.entries(counts).map(([kind, n]) => t(kind) + ' ' + n).join(' · ');
}

/** Every document imported into the department, newest first, with what its import changed and its findings quoting their lines. */
function importedDocuments(imports) {
  const newest = [...imports].reverse();
  const changed = c => Object.entries(c).filter(([kind, n]) => kind !== 'events' && n > 0).map(([kind, n]) => t(kind) + ' ' + n).join(' · ') || t('unchanged');
  return [el('h2', {}, t('imports')), imports.length ? el('div', { class: 'scroll' }, el('table', { id: 'imports' },
    el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t('position')), el('th', {}, t('recordedAt')), el('th', {}, t('document')),
      el('th', {}, t('actor')), el('th', { class: 'num' }, t('variance')), el('th', {}, t('changes')), el('th', { class: 'num' }, t('findings')))),
    el('tbody', {}, newest.map(i => el('tr', { 'data-position': i.position },
      el('td', { class: 'num' }, String(i.position)), el('td', { class: 'when' }, localTime(i.recordedAt)),
      el('td', { class: 'doc' }, i.document, el('div', { class: 'reading', title: 'SHA-256' }, i.sha256.slice(0, 16) + '…')),
      el('td', {}, i.actor || ''), varianceCell(i.variance), el('td', { class: 'name' }, changed(i.changes)),
      el('td', { class: 'num' }, i.findings.length ? findingsLink(i.position, String(i.findings.length)) : '0'))))))
    : el('p', { class: 'note' }, t('noImports')),
  ...newest.filter(i => i.findings.length).map((i, n) => el('details', { class: 'findings', id: 'import-' + i.position, open: n === 0 },
    el('summary', {}, t('findingsOf', i.document, i.findings.length)),
    el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t('line')), el('th', {}, t('kind')), el('th', {}, t('message')), el('th', {}, t('sourceLine')))),
      el('tbody', {}, i.findings.map(f => el('tr', { 'data-kind': f.kind },
        el('td', { class: 'num' }, String(f.line)), el('td', { class: 'event' }, el('span', { class: 'flag' }, t(f.kind))),
        el('td', { class: 'name' }, state.lang === 'zh' && f.messageZh ? f.messageZh : f.message),
        el('td', {}, el('code', { class: 'source' }, f.source || '')))))))))];
}

/**
 * The change report between two dates, from the start of the first to the end of the
 * second (UTC, like every date the ledger reads), 200 changes a page.
 */
function changeReport(id, units) {
  const today = zoneDay(new Date());
  const dateInput = id => el('input', { id, class: 'date', inputmode: 'numeric', placeholder: '2025-07-01', title: 'YYYY-MM-DD', size: 11,
    value: state.asOf || today, required: true });
  const from = dateInput('report-from');
  const to = dateInput('report-to');
  const result = el('div', { id: 'change-report-result' });
  const kinds = ['AllocationRevised', 'AllocationTransferred', 'ProjectWithdrawn', 'ExpenditureRecorded', 'ExpenditureReversed', 'ProjectCreated',
    'GoalRevised', 'IndicatorAdded', 'IndicatorRevised', 'IndicatorRemoved', 'IndicatorResultReported', 'DeclaredTotalRecorded', 'DocumentImported'];
  const kind = el('select', { id: 'report-kind' }, el('option', { value: '' }, t('allKinds')), kinds.map(k => el('option', { value: k }, t(k))));
  const project = el('select', { id: 'report-project' }, el('option', { value: '' }, t('allProjects')));
  const actor = el('input', { id: 'report-actor', size: 10, placeholder: t('anyone'), autocomplete: 'off' });
  const withoutImports = el('input', { type: 'checkbox', id: 'report-without-imports', checked: true });
  Promise.all(units.map(u => api('/units/' + u.unitId + '/projects'))).then(lists => project.append(...lists.flat()
    .map(p => el('option', { value: p.projectId }, p.name)))).catch(() => {});
  const form = el('form', { id: 'change-report', class: 'actions' }, el('label', {}, t('from') + ' ', from), el('label', {}, t('to') + ' ', to),
    kind, project, el('label', {}, t('actor') + ' ', actor), el('label', {}, withoutImports, ' ', t('withoutImports')),
    el('button', { type: 'submit' }, t('show')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (![from, to].map(input => acceptDate(input, false)).every(Boolean)) return;
    try {
      const projects = (await Promise.all(units.map(u => api('/units/' + u.unitId + '/projects')))).flat();
      const names = Object.fromEntries(projects.map(p => [p.projectId, p.name]));
      const filters = { kind: kind.value || null, projectId: project.value || null, actor: actor.value.trim() || null,
        withoutImports: withoutImports.checked ? 'true' : null };
      result.replaceChildren(...await changeTable(id, from.value.trim(), to.value.trim(), names, filters));
    } catch (e) {
      result.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  });
  return [el('h2', {}, t('changeReport')), form, result];
}

async function changeTable(id, from, to, names, filters) {
  // dates as the ledger's days: the ledger reads a date as that day in its zone
  const pageAfter = after => api('/departments/' + id + '/changes', { from, to, after, limit: 200, ...filters });
  const first = await pageAfter(null);
  const row = c => el('tr', { 'data-position': c.position }, what(c, names),
    el('td', { class: 'name' }, state.lang === 'zh' ? c.descriptionZh
      : c.fundingSource ? t(c.fundingSource) + (c.figure === 'spent' ? ' · ' + t('spent') : '') : c.what),
    el('td', { class: 'num' }, money(c.before)), el('td', { class: 'num after' }, money(c.after)), whoAndWhy(c));
  const rows = el('tbody', {}, first.changes.map(row));
  const more = el('button', { type: 'button', id: 'more-report' }, t('moreChanges', 200));
  let next = first.nextAfter;
  more.addEventListener('click', async () => {
    more.disabled = true;
    const page = await pageAfter(next);
    rows.append(...page.changes.map(row));
    next = page.nextAfter;
    more.disabled = false;
    if (next == null) more.remove();
  });
  return [el('p', { class: 'note' }, t('reportSpan', from, to)),
    first.changes.length ? el('div', { class: 'scroll' }, el('table', { id: 'report' },
      el('thead', {}, el('tr', {}, whatHeaders(names), el('th', {}, t('whatChanged')), el('th', { class: 'num' }, t('before')),
        el('th', { class: 'num' }, t('after')), whoAndWhyHeaders())), rows))
      : el('p', { class: 'note', id: 'no-changes' }, t('noChanges')),
    next != null ? more : ''];
}

async function unitView(id) {
  const [unit, projects] = await Promise.all([api('/units/' + id), api('/units/' + id + '/projects')]);
  const department = await api('/departments/' + unit.departmentId);
  const way = crumbs([t('departments'), '#/'], [level('department', department.name), '#/departments/' + department.departmentId],
    [level('unit', unit.name)]);
  return [way, el('h1', {}, unit.name), asOfNote(),
    el('dl', { class: 'facts' }, el('dt', {}, t('declared')), el('dd', {}, money(unit.declaredTotal)),
      el('dt', {}, t('documentVariance')), el('dd', { class: isZero(unit.documentVariance) ? '' : 'error' }, money(unit.documentVariance)),
      budgetFacts(unit, 'units/' + id),
      el('dt', {}, t('variance')), el('dd', {}, money(unit.variance)),
      el('dt', {}, t('spent')), el('dd', {}, money(unit.spent), ' ', historyLink('units/' + id, null, 'spent')),
      el('dt', {}, t('executionRate')), el('dd', {}, executionBar(unit.executionRate))),
    el('h2', {}, t('projects')), el('div', { class: 'scroll' }, el('table', { id: 'projects' },
      el('thead', {}, el('tr', {}, el('th', {}, t('project')), amountHeader('original', 'num wide'), amountHeader('adjustments', 'num wide'),
        amountHeader('adjusted'), executionHeaders(), sourceHeaders(), el('th', { class: 'num wide' }, t('indicators')))),
      el('tbody', {}, projects.map(p => el('tr', { class: p.withdrawn ? 'withdrawn' : '' },
        el('td', {}, el('a', { href: '#/projects/' + p.projectId }, p.name), p.withdrawn ? ' (' + t('withdrawn') + ')' : ''),
        el('td', { class: 'num wide' }, money(p.originalTotal)), el('td', { class: 'num wide' }, money(p.adjustments)),
        el('td', { class: 'num' }, money(p.total)), executionCells(p), sourceCells(p.allocations), el('td', { class: 'num wide' }, String(p.indicators)))))))];
}

function reading(r) {
  if (!r) return '';
  if (r.value === null || r.value === undefined) return t('qualitative') + ': ' + r.qualitative;
  const symbols = { EQ: '=', GT: '>', GE: '≥', LT: '<', LE: '≤' };
  return (symbols[r.comparator] || '') + ' ' + r.value + (r.unit ? ' ' + r.unit : '');
}

async function projectView(id) {
  const project = await api('/projects/' + id);
  const [unit, department] = await Promise.all([api('/units/' + project.unitId), api('/departments/' + project.departmentId)]);
  const way = crumbs([t('departments'), '#/'], [level('department', department.name), '#/departments/' + department.departmentId],
    [level('unit', unit.name), '#/units/' + unit.unitId], [level('project', project.name)]);
  return [way, el('h1', {}, project.name, project.withdrawn ? ' (' + t('withdrawn') + ')' : ''), asOfNote(),
    el('dl', { class: 'facts' }, el('dt', {}, t('goal')), el('dd', { id: 'goal' }, project.goal || t('nothing')), budgetFacts(project, 'projects/' + id)),
    el('h2', {}, t('allocations')), el('div', { class: 'scroll' }, el('table', { id: 'allocations' },
      el('thead', {}, el('tr', {}, el('th', {}, t('source')), amountHeader('original', 'num wide'), amountHeader('adjustments', 'num wide'),
        el('th', { class: 'num' }, t('amount')), el('th', {}, ''), amountHeader('spent'), amountHeader('available'), el('th', {}, t('executionRate')),
        el('th', {}, ''))),
      el('tbody', {}, SOURCES.map(source => el('tr', { 'data-source': source }, el('td', {}, t(source)),
        el('td', { class: 'num wide' }, money(project.originalBySource?.[source])), el('td', { class: 'num wide' }, money(project.adjustmentsBySource?.[source])),
        el('td', { class: 'num' }, money(project.allocations[source])), el('td', {}, historyLink('projects/' + id, source)),
        el('td', { class: 'num spent' }, money(project.spentBySource[source])), el('td', { class: 'num available' }, money(project.availableBySource[source])),
        el('td', { class: 'execution-cell' }, executionBar(project.executionRateBySource[source])),
        el('td', {}, historyLink('projects/' + id, source, 'spent')))),
        el('tr', { 'data-source': 'TOTAL' }, el('th', {}, t('total')), el('th', { class: 'num wide' }, money(project.originalTotal)),
          el('th', { class: 'num wide' }, money(project.adjustments)), el('th', { class: 'num' }, money(project.total)),
          el('td', {}, historyLink('projects/' + id)), el('th', { class: 'num spent' }, money(project.spent)),
          el('th', { class: 'num available' }, money(project.available)), el('td', { class: 'execution-cell' }, executionBar(project.executionRate)),
          el('td', {}, historyLink('projects/' + id, null, 'spent')))))),
    el('h2', {}, t('indicators')), el('div', { class: 'scroll' }, el('table', { id: 'indicators' },
      el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t('no')), el('th', { class: 'wide' }, t('level1')), el('th', {}, t('level2')),
        el('th', {}, t('name')), el('th', { class: 'wide' }, t('periodTarget')), el('th', {}, t('annualTarget')), el('th', {}, t('midYear')),
        el('th', {}, t('annual')), el('th', { class: 'wide' }, t('flags')), el('th', {}, ''))),
      el('tbody', {}, project.indicators.map(i => el('tr', { 'data-no': i.no },
        el('td', { class: 'num' }, String(i.no)), el('td', { class: 'wide' }, i.level1 + ' ' + t('level1_' + i.level1)),
        el('td', {}, i.level2 + ' ' + t('level2_' + i.level2)), el('td', {}, i.name),
        el('td', { class: 'wide' }, i.periodTarget, el('div', { class: 'reading' }, reading(i.periodReading))),
        el('td', {}, i.annualTarget, el('div', { class: 'reading' }, reading(i.annualReading))),
        el('td', { class: 'result', 'data-period': 'MID_YEAR' }, judged(i.results.MID_YEAR, true)),
        el('td', { class: 'result', 'data-period': 'ANNUAL' }, judged(i.results.ANNUAL)),
        el('td', { class: 'wide' }, i.flags.map(flag => el('span', { class: 'flag', 'data-flag': flag }, t(flag)))),
        el('td', {}, el('a', { href: '#/projects/' + id + '/indicators/' + i.no + '/history', class: 'indicator-history' }, t('history')))))))),
  ];
}

const TRAIL_LIMIT = 1000;

/**
 * What a history is of: its title, the way back, where its trail is read and — for a
 * unit or department, whose changes come from many projects — the projects' names.
 */
async function historySubject(kind, id, source, figure) {
  const what = figure === 'spent' ? t('spent') : t('total');
  if (kind === 'projects') {
    const project = await api('/projects/' + id);
    const [unit, department] = await Promise.all([api('/units/' + project.unitId), api('/departments/' + project.departmentId)]);
    return { title: project.name + ' · ' + (source ? t(source) + (figure === 'spent' ? ' · ' + what : '') : what), names: null,
      trailPath: '/projects/' + id + '/trail',
      back: [[level('department', department.name), '#/departments/' + department.departmentId], [level('unit', unit.name), '#/units/' + unit.unitId],
        [level('project', project.name), '#/projects/' + id]] };
  }
  const subject = await api('/' + kind + '/' + id);
  const units = kind === 'units' ? [subject] : await api('/departments/' + id + '/units');
  const projects = (await Promise.all(units.map(u => api('/units/' + u.unitId + '/projects')))).flat();
  const back = kind === 'units'
    ? [[level('department', (await api('/departments/' + subject.departmentId)).name), '#/departments/' + subject.departmentId],
      [level('unit', subject.name), '#/units/' + id]]
    : [[level('department', subject.name), '#/departments/' + id]];
  return { title: subject.name + ' · ' + what, back, names: Object.fromEntries(projects.map(p => [p.projectId, p.name])),
    trailPath: '/' + kind + '/' + id + '/trail' };
}

/**
 * A figure's history, read a page of 1,000 changes at a time: the first page at once,
 * each further one when the auditor asks for it, added to the table and the chart.
 */
async function historyView(kind, id, source, figure) {
  const { title, back, names, trailPath } = await historySubject(kind, id, source, figure);
  const pageAfter = after => api(trailPath, { fundingSource: source, figure, limit: TRAIL_LIMIT, after });
  const trail = await pageAfter(null);
  const way = crumbs([t('departments'), '#/'], ...back, [t('history')]);
  const steps = [...trail.steps];
  const row = step => el('tr', { 'data-position': step.position }, what(step, names),
    el('td', { class: 'num' }, money(step.before)), el('td', { class: 'num' }, money(step.delta)), el('td', { class: 'num after' }, money(step.after)),
    whoAndWhy(step));
  const rows = el('tbody', {}, steps.map(row));
  const chart = el('div', {}, steps.length ? stepChart(steps) : el('p', { class: 'note' }, t('noHistory')));
  const shown = el('p', { class: 'note', id: 'first-changes' }, t('firstChanges', steps.length));
  const more = el('button', { type: 'button', id: 'more-changes' }, t('moreChanges', TRAIL_LIMIT));
  let next = trail.nextAfter;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await pageAfter(next);
      steps.push(...page.steps);
      rows.append(...page.steps.map(row));
      chart.replaceChildren(stepChart(steps));
      shown.textContent = t('firstChanges', steps.length);
      next = page.nextAfter;
    } catch (e) {
      shown.textContent = e.message;
    }
    more.disabled = false;
    if (next == null) { shown.remove(); more.remove(); }
  });
  return [way, el('h1', {}, t('historyOf') + title), asOfNote(),
    el('dl', { class: 'facts' }, el('dt', {}, t('finalValue')), el('dd', { id: 'final-value' }, money(trail.finalValue)),
      el('dt', {}, ''), el('dd', { class: trail.consistent ? 'note' : 'error' }, trail.consistent ? t('consistent') : t('inconsistent'))),
    next != null ? shown : '', chart,
    el('h2', {}, t('history')), el('div', { class: 'scroll' }, el('table', { id: 'changes' },
      el('thead', {}, el('tr', {}, whatHeaders(names),
        el('th', { class: 'num' }, t('before')), el('th', { class: 'num' }, t('delta')), el('th', { class: 'num' }, t('after')), whoAndWhyHeaders())),
      rows)), next != null ? more : ''];
}

/** One format for every time on the page: 2026-12-05 14:30, in the ledger's zone (the column heading names it). */
function localTime(instant) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant)).map(part => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The day an instant falls on in the ledger's zone: 2026-12-05. */
function zoneDay(instant) {
  return localTime(instant).slice(0, 10);
}

/** What changed, first: where it stands, when, which event (and from which project); its figures follow at once. */
function what(step, names) {
  return [el('td', { class: 'num' }, String(step.position)),
    el('td', { class: 'when' }, localTime(step.recordedAt)),
    el('td', { class: 'wide event' }, t(step.eventType), step.fundingSource ? el('div', { class: 'reading' }, t(step.fundingSource)) : ''),
    names ? el('td', { class: 'name' }, step.projectId ? el('a', { href: '#/projects/' + step.projectId }, names[step.projectId] || step.projectId) : '') : null];
}

/** Then who, why, from which date and which document. */
function whoAndWhy(step) {
  return [el('td', {}, step.actor || ''), el('td', { class: 'name' }, reasonText(step.reason)),
    el('td', { class: 'wide when' }, step.effectiveOn || step.paidOn || step.effectiveDate || ''),
    el('td', { class: 'wide doc' }, [step.voucherNo && t('voucherNo') + ' ' + step.voucherNo,
      step.reversesVoucherNo && t('reverses') + ' ' + step.reversesVoucherNo, step.payee && t('payee') + ' ' + step.payee,
      step.economicClass && t('economicClass') + ' ' + step.economicClass, step.documentNumber, step.document, step.sourceLines]
      .filter(Boolean).join(' · '))];
}

/** Reasons the ledger itself wrote are shown in the page's language; a person's own words as they are. */
function reasonText(reason) {
  const imported = /^imported from (.+)$/.exec(reason || '');
  return imported ? t('importedFrom', imported[1]) : reason || '';
}

function whatHeaders(names) {
  return [el('th', { class: 'num' }, t('position')), el('th', {}, t('recordedAt')), el('th', { class: 'wide' }, t('event')),
    names ? el('th', {}, t('project')) : null];
}

function whoAndWhyHeaders() {
  return [el('th', {}, t('actor')), el('th', {}, t('reason')), el('th', { class: 'wide' }, t('effectiveDate')), el('th', { class: 'wide' }, t('document'))];
}

/** How one indicator's name, categories and targets changed: added, revised, removed. */
async function indicatorHistoryView(id, no) {
  const [project, trail] = await Promise.all([api('/projects/' + id), api('/projects/' + id + '/indicators/' + no + '/trail')]);
  const [unit, department] = await Promise.all([api('/units/' + project.unitId), api('/departments/' + project.departmentId)]);
  const way = crumbs([t('departments'), '#/'], [level('department', department.name), '#/departments/' + department.departmentId],
    [level('unit', unit.name), '#/units/' + unit.unitId], [level('project', project.name), '#/projects/' + id], [t('history')]);
  const shown = i => i ? [i.name, el('div', { class: 'reading' },
    [i.level1 + ' ' + t('level1_' + i.level1), i.level2 + ' ' + t('level2_' + i.level2),
      i.periodTarget && t('periodTarget') + ' ' + i.periodTarget, i.annualTarget && t('annualTarget') + ' ' + i.annualTarget]
      .filter(Boolean).join(' · '))]
    : t('removed');
  return [way, el('h1', {}, t('historyOf') + project.name + ' · ' + t('indicator') + ' ' + no), asOfNote(),
    el('dl', { class: 'facts' }, el('dt', {}, t('finalValue')), el('dd', { id: 'final-value' }, shown(trail.finalValue))),
    el('h2', {}, t('history')), el('div', { class: 'scroll' }, el('table', { id: 'changes' },
      el('thead', {}, el('tr', {}, whatHeaders(null), el('th', {}, t('before')), el('th', {}, t('after')), whoAndWhyHeaders())),
      el('tbody', {}, trail.steps.map(step => el('tr', { 'data-position': step.position }, what(step, null),
        el('td', {}, step.before ? shown(step.before) : t('nothing')), el('td', {}, shown(step.after)), whoAndWhy(step))))))];
}

/** Millionths back to decimal text, at least two places: 63750000n → "63.75". */
function fromMicros(value) {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(7, '0');
  const fraction = digits.slice(-6).replace(/0+$/, '').padEnd(2, '0');
  return sign + digits.slice(0, -6) + '.' + fraction;
}

/**
 * The figure over budget time as a step chart: it holds its value until the next
 * change. One marker per change, placed by the day it took effect (生效日期: a payment's
 * date, a revision's effective date, the year's start for the budget as approved), the
 * figure summed in that order, one marker per day; clicking a marker picks out that
 * day's rows in the table. The value axis spans the
 * figure's own range, not zero upwards, so that 59.84 → 61.50 → 63.75 shows as the rise it is.
 */
function stepChart(recorded) {
  // one point per budget day, at the figure as it stood at that day's end: an import's hundreds of creations
  // (all effective on the year's first day) are one point, and so are the two sides of a transfer
  const ordered = [...recorded].sort((a, b) => (a.effectiveOn || '').localeCompare(b.effectiveOn || '') || a.position - b.position);
  let running = micros(recorded[0].before ?? '0');
  const steps = [];
  const values = [];
  ordered.forEach(step => {
    running += micros(step.delta ?? '0');
    const day = step.effectiveOn || zoneDay(step.recordedAt);
    if (steps.length && steps[steps.length - 1].day === day) {
      steps[steps.length - 1].positions.push(step.position);
      values[values.length - 1] = running;
    } else {
      steps.push({ day, positions: [step.position] });
      values.push(running);
    }
  });
  const width = 720, height = 240, left = 70, right = 16, top = 14, bottom = 30;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const lowest = values.reduce((a, b) => (b < a ? b : a));
  const highest = values.reduce((a, b) => (b > a ? b : a));
  // a tenth of the range above and below, or of the value itself when it never moved
  const pad = highest > lowest ? (highest - lowest) / 10n : (highest < 0n ? -highest : highest) / 10n || 1000000n;
  const low = lowest - pad, high = highest + pad;
  const y = value => top + Number(((high - value) * BigInt((height - top - bottom) * 100)) / (high - low)) / 100;
  const times = steps.map(s => Date.parse(s.day + 'T00:00:00Z'));
  const span = times[times.length - 1] - times[0];
  const x = i => left + (steps.length === 1 ? 0 : (times[i] - times[0]) / span) * (width - left - right);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', id: 'history-chart' });
  chart.append(svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }));
  const amountAt = value => money(fromMicros(value));
  chart.append(svg('text', { x: left - 6, y: y(highest) + 4, 'text-anchor': 'end', class: 'y-label' }, amountAt(highest)));
  if (highest !== lowest) chart.append(svg('text', { x: left - 6, y: y(lowest) + 4, 'text-anchor': 'end', class: 'y-label' }, amountAt(lowest)));
  const label = i => steps[i].day;
  chart.append(svg('text', { x: x(0), y: height - 10, class: 'x-label' }, label(0)));
  if (steps.length > 1) chart.append(svg('text', { x: x(steps.length - 1), y: height - 10, 'text-anchor': 'end', class: 'x-label' }, label(steps.length - 1)));
  let path = `M ${x(0)} ${y(values[0])}`;
  for (let i = 1; i < steps.length; i++) path += ` H ${x(i)} V ${y(values[i])}`;
  path += ` H ${width - right}`;
  chart.append(svg('path', { class: 'step', d: path }));
  steps.forEach((step, i) => {
    const last = step.positions[step.positions.length - 1];
    const marker = svg('circle', { class: 'marker', cx: x(i), cy: y(values[i]), r: 5, 'data-position': last });
    marker.append(svg('title', {}, `${step.day} · ${amountAt(values[i])} · ${step.positions.length} ${t('changes')}`));
    marker.addEventListener('click', () => select(...step.positions));
    chart.append(marker);
  });
  return el('figure', { class: 'chart' }, chart);
}

function select(...positions) {
  document.querySelectorAll('.selected').forEach(node => node.classList.remove('selected'));
  positions.forEach(position => document.querySelectorAll(`[data-position="${position}"]`).forEach(node => node.classList.add('selected')));
  document.querySelector(`#changes tr[data-position="${positions[positions.length - 1]}"]`)?.scrollIntoView({ block: 'nearest' });
}

/**
 * Any table sorts by any column, a click (or Enter) on its heading: amounts as exact
 * decimals, text in Chinese order; again reverses. Tables whose cells span rows (the
 * self-evaluation) keep their order.
 */
function sortable(table) {
  const head = table.tHead?.rows[0];
  const body = table.tBodies[0];
  if (!head || !body || table.querySelector('[rowspan]')) return;
  [...head.cells].forEach((heading, column) => {
    if (!heading.textContent.trim()) return;
    heading.classList.add('sortable');
    heading.title = t('sortBy');
    heading.tabIndex = 0;
    const sort = () => {
      const ascending = heading.getAttribute('aria-sort') !== 'ascending';
      [...head.cells].forEach(cell => cell.removeAttribute('aria-sort'));
      heading.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = row => row.cells[column]?.textContent.trim() ?? '';
      body.append(...[...body.rows].sort((a, b) => compareCells(key(a), key(b)) * (ascending ? 1 : -1)));
    };
    heading.addEventListener('click', sort);
    heading.addEventListener('keydown', event => { if (event.key === 'Enter') sort(); });
  });
}

const NUMBER = /^-?[\d,]+(\.\d+)?%?$/;

function compareCells(a, b) {
  if (NUMBER.test(a) && NUMBER.test(b)) {
    const [x, y] = [micros(a.replace(/[,%]/g, '')), micros(b.replace(/[,%]/g, ''))];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // numbers before dashes and words, so that "—" (nothing) sorts last
  if (NUMBER.test(a) !== NUMBER.test(b)) return NUMBER.test(a) ? -1 : 1;
  return a.localeCompare(b, 'zh-CN');
}

// ---------- routing ----------

/** Pages load one after another as the address changes; only the last one asked for is shown. */
let lastRoute = 0;

async function route() {
  if (!state.authorization) { signOut(); return; }
  const mine = ++lastRoute;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  // the address holds the view: the page and the dates it is read at
  const chosen = new URLSearchParams(query);
  state.asOf = chosen.get('asOf') || '';
  state.effectiveOn = chosen.get('effectiveOn') || '';
  document.getElementById('as-of').value = state.asOf;
  document.getElementById('effective-on').value = state.effectiveOn;
  const view = document.getElementById('view');
  view.setAttribute('aria-busy', 'true');
  try {
    let content;
    if (parts[0] === 'projects' && parts[2] === 'indicators' && parts[4] === 'history') content = await indicatorHistoryView(parts[1], parts[3]);
    else if (['projects', 'units', 'departments'].includes(parts[0]) && parts[1] && parts[2] === 'history') {
      const asked = new URLSearchParams(query);
      content = await historyView(parts[0], parts[1], asked.get('source'), asked.get('figure'));
    }
    else if (parts[0] === 'departments' && parts[1]) content = await departmentView(parts[1]);
    else if (parts[0] === 'units' && parts[1]) content = await unitView(parts[1]);
    else if (parts[0] === 'projects' && parts[1]) content = await projectView(parts[1]);
    else content = await departmentsView();
    if (mine !== lastRoute) return;
    const [way, ...page] = content.flat().filter(Boolean);
    document.getElementById('crumbs').replaceChildren(...way.way);
    view.replaceChildren(...page);
    view.querySelectorAll('table').forEach(sortable);
  } catch (e) {
    if (mine === lastRoute && state.authorization) view.replaceChildren(el('p', { class: 'error', id: 'view-error' }, e.message));
  } finally {
    if (mine === lastRoute) view.removeAttribute('aria-busy');
  }
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(node => { node.textContent = t(node.dataset.i18n); });
  const other = state.lang === 'zh' ? 'English' : '中文';
  document.getElementById('lang').textContent = other;
  document.getElementById('login-lang').textContent = other;
}

function switchLanguage() {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
  if (state.authorization) route();
}

document.getElementById('login').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', () => signOut());
document.getElementById('lang').addEventListener('click', switchLanguage);
document.getElementById('login-lang').addEventListener('click', switchLanguage);
/** A date chosen goes into the address, which shows the page again read at it. */
function chooseDate(name, input) {
  if (!acceptDate(input, true)) return;
  state[name] = input.value.trim();
  const next = '#' + withView(location.hash.replace(/^#/, '') || '/');
  if (next === location.hash) route(); else location.hash = next;
}
document.getElementById('as-of').addEventListener('change', event => chooseDate('asOf', event.target));
document.getElementById('effective-on').addEventListener('change', event => chooseDate('effectiveOn', event.target));
window.addEventListener('hashchange', route);
// a printed page shows every finding, folded or not
window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach(details => { details.open = true; }));
applyLanguage();
const remembered = sessionStorage.getItem('ledger.authorization');
if (remembered) signedIn(remembered); else signOut();
