// 好差评: rate a finished case, a closed chat or an answered complaint.
const { request } = require('./client');

const TAGS = {
  good: ['态度好', '效率高', '解答清楚', '流程简便'],
  bad: ['态度差', '效率低', '解答不清', '材料反复提交', '等待时间长', '系统不好用'],
};

// {target_type, target_id, score 1-5, tags, comment} → the rating, with its rectification when score ≤ 2.
function rate(body, { silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/ratings', data: body, silent });
}

// My ratings, each with the rectification's status and outcome for bad ones.
function mine({ silent = false } = {}) {
  return request({ path: '/api/v1/ratings', silent });
}

module.exports = { TAGS, rate, mine };
