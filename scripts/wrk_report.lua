-- wrk prints a table for people; the benchmark reads this line of JSON instead.
-- Every request asks for compression, as a phone's browser does.
wrk.headers["Accept-Encoding"] = "br, gzip"

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "bytes": %d, "p50_ms": %.2f, "p95_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
