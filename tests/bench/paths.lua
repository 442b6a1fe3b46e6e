-- wrk script: sends the request paths listed in the file that the
-- environment variable WRK_PATHS names, one per line, each thread cycling
-- through the list from its own starting line.
local paths = {}
local next_index = 0

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    paths[#paths + 1] = line
  end
  next_index = math.random(#paths)
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format(nil, paths[next_index])
end
