/**
 * The Lua scripts of the Redis store. Each runs atomically in Redis, so replicas never interleave
 * inside one: that is what makes the rate limit exact under concurrent load. Times are Redis's
 * own (TIME), so replicas with skewed clocks still share one window.
 *
 * The state hash holds the simulated clock (`start`, `since`: when it started running, `advanced`),
 * `version` (bumped by every change, keying consent-dependent caches) and `resets` (bumped by a
 * reset; rate-limit keys carry it, so a reset drops every window without scanning for them).
 */

/** Creates the state hash on first use (or after Redis lost it): the first replica's start wins. */
const PRELUDE = `
local t = redis.call('TIME')
local wall = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = KEYS[1]
if redis.call('EXISTS', state) == 0 then
  local start = ARGV[1]
  if ARGV[2] == '1' then start = wall end
  -- resets starts at a fresh number, so replicas notice a Redis that lost its data (a restart, a flush).
  redis.call('HSET', state, 'start', start, 'since', wall, 'advanced', 0, 'version', 0, 'resets', wall)
end
`;

const REPLY = `
local s = redis.call('HMGET', state, 'start', 'since', 'advanced', 'version', 'resets')
`;

/**
 * KEYS: state. ARGV: start, real (1/0), prefix, key hash ('' = no rate limit), requests, window ms,
 * block after, block ms, frozen (1/0). Returns outcome (0 allowed, 1 limited, 2 blocked, -1 no
 * limit), retry ms, then start, since, advanced, version, resets and Redis's wall time.
 */
export const ADMIT_SCRIPT = `${PRELUDE}${REPLY}
local now = tonumber(s[1]) + tonumber(s[3])
if ARGV[9] ~= '1' then now = now + (wall - tonumber(s[2])) end
local outcome, retry = -1, 0
if ARGV[4] ~= '' then
  local slots = ARGV[3] .. ':rl:' .. s[5] .. ':' .. ARGV[4]
  local marks = ARGV[3] .. ':rb:' .. s[5] .. ':' .. ARGV[4]
  local requests, window = tonumber(ARGV[5]), tonumber(ARGV[6])
  local blockAfter, blockFor = tonumber(ARGV[7]), tonumber(ARGV[8])
  local blocked = tonumber(redis.call('HGET', marks, 'until') or '0')
  if now < blocked then
    outcome, retry = 2, blocked - now
  else
    -- Each request holds a slot for one window (a rolling window, oldest first).
    while true do
      local head = redis.call('LINDEX', slots, 0)
      if not head or tonumber(head) + window > now then break end
      redis.call('LPOP', slots)
    end
    if redis.call('LLEN', slots) < requests then
      redis.call('RPUSH', slots, now)
      redis.call('HSET', marks, 'ignored', 0)
      outcome = 0
    else
      local ignored = redis.call('HINCRBY', marks, 'ignored', 1)
      if ignored > blockAfter then
        redis.call('HSET', marks, 'until', now + blockFor, 'ignored', 0)
        outcome, retry = 2, blockFor
      else
        outcome, retry = 1, tonumber(redis.call('LINDEX', slots, 0)) + window - now
      end
    end
    -- Real milliseconds: the simulated clock never runs slower than real time, so this outlives both.
    redis.call('PEXPIRE', slots, window + blockFor + 1000)
    redis.call('PEXPIRE', marks, window + blockFor + 1000)
  end
end
return {outcome, tostring(retry), s[1], s[2], s[3], s[4], s[5], tostring(wall)}
`;

/**
 * KEYS: state, values, consent, journal. ARGV: start, real (1/0), then triples (operation, a, b):
 * value FIELD JSON, consent FIELD JSON, unconsent FIELD, advance MS, journal (clear), reset.
 * Returns start, since, advanced, version, resets and Redis's wall time.
 */
export const COMMIT_SCRIPT = `${PRELUDE}
local bump = 0
for i = 3, #ARGV, 3 do
  local op, a, b = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if op == 'value' then
    redis.call('HSET', KEYS[2], a, b)
    bump = 1
  elseif op == 'consent' then
    redis.call('HSET', KEYS[3], a, b)
    bump = 1
  elseif op == 'unconsent' then
    if redis.call('HDEL', KEYS[3], a) == 1 then bump = 1 end
  elseif op == 'advance' then
    redis.call('HINCRBYFLOAT', state, 'advanced', a)
    bump = 1
  elseif op == 'journal' then
    redis.call('DEL', KEYS[4])
  elseif op == 'reset' then
    redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
    redis.call('HINCRBY', state, 'resets', 1)
    redis.call('HSET', state, 'since', wall, 'advanced', 0)
    if ARGV[2] == '1' then redis.call('HSET', state, 'start', wall) end
    bump = 1
  end
end
if bump == 1 then redis.call('HINCRBY', state, 'version', 1) end
${REPLY}
return {s[1], s[2], s[3], s[4], s[5], tostring(wall)}
`;
