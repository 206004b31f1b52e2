// 实名认证等级 (real-name levels) and the walk up them.
//
// Level 1: signed in with WeChat. Level 2: name + ID number checked against the population database
// (pages/identity). Level 3: level 2 plus a passed 人脸核身 for that name and number (pages/face); only level 3
// reads the person's own records (免提交 materials, payables, access log).
//
// When the server answers 403 identity_level_required ({required_level, current_level}) or 409 identity_taken
// (another account holds this identity; a face pass reclaims it), api/client.js calls walkUp(err): the user is
// taken to the bind page (below level 2) or straight to the face page, and when the level is reached, back
// to the page they were on (wx.navigateBack: that page is still on the stack with what they had typed, and
// reloads in its onShow).
const LEVEL_CODES = ['identity_level_required', 'identity_taken'];
const STEP_PAGES = ['pages/identity/identity', 'pages/face/face'];
const LABELS = { 0: '未登录', 1: '已登录（未实名）', 2: '已实名（未刷脸）', 3: '已实名并刷脸核身' };

function isLevelError(err) {
  return Boolean(err) && LEVEL_CODES.includes(err.code);
}

// The level a /me answer (or a binding answer) shows; 1 for a signed-in user without the identity block.
function levelOf(user) {
  if (!user) return 0;
  return (user.identity && Number(user.identity.level)) || 1;
}

function label(level) {
  return LABELS[level] || LABELS[1];
}

function topRoute() {
  const pages = typeof getCurrentPages === 'function' ? getCurrentPages() : [];
  const top = pages && pages.length ? pages[pages.length - 1] : null;
  return top ? top.route : '';
}

// Is a step of the walk already on screen? (Several requests of one page can fail together, and the bind and
// face pages' own requests can answer a level error too: one walk at a time.)
function walking() {
  return STEP_PAGES.includes(topRoute());
}

// The first step towards `required` from `current`: the bind page below level 2, else the face page.
function stepUrl(required, current, taken) {
  const level = Math.max(2, Math.min(3, Number(required) || 3));
  if ((Number(current) || 1) < 2) return `/pages/identity/identity?level=${level}`;
  return `/pages/face/face?level=${level}${taken ? '&taken=1' : ''}`;
}

// Start the walk for a level error; true when it was one (the caller shows no toast for it).
function walkUp(err) {
  if (!isLevelError(err)) return false;
  if (!walking()) {
    const taken = err.code === 'identity_taken';
    wx.navigateTo({ url: stepUrl(taken ? 3 : err.requiredLevel, taken ? 2 : err.currentLevel, taken) });
  }
  return true;
}

// Back to the page the walk started from.
function finish() {
  wx.navigateBack({ delta: 1 });
}

// After binding (level 2): on to the face page when more is needed, else back.
function afterBind(user, required) {
  const level = levelOf(user);
  if (level >= (Number(required) || 2)) {
    finish();
    return;
  }
  wx.redirectTo({ url: stepUrl(required, level, Boolean(user && user.identity && user.identity.taken)) });
}

module.exports = { isLevelError, levelOf, label, walkUp, afterBind, finish, stepUrl, walking };
