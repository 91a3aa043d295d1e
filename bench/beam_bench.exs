# The BEAM side of `make bench`: the same workloads as src/bench.rs, with real GenServers.
# Run with one scheduler, as the issue's reference figures were:
#   elixir --erl "+S 1 +P 2000000" bench/beam_bench.exs
# Prints `BENCH name value unit` lines (medians of RUNS runs; BENCH_RUNS overrides).

defmodule Counter do
  use GenServer
  def init(_), do: {:ok, 0}
  def handle_cast({:add, n}, s), do: {:noreply, s + n}
  def handle_call(:get, _from, s), do: {:reply, s, s}
end

defmodule Idle do
  use GenServer
  def init(n), do: {:ok, n}
end

defmodule Bench do
  defp ms(fun) do
    {us, value} = :timer.tc(fun)
    {us / 1000, value}
  end

  def cast(n) do
    {:ok, pid} = GenServer.start(Counter, nil)
    {t, ^n} = ms(fn ->
      for _ <- 1..n, do: GenServer.cast(pid, {:add, 1})
      GenServer.call(pid, :get, :infinity)
    end)
    GenServer.stop(pid)
    t * 1.0e6 / n
  end

  def call(n) do
    {:ok, pid} = GenServer.start(Counter, nil)
    {t, _} = ms(fn -> for _ <- 1..n, do: GenServer.call(pid, :get) end)
    GenServer.stop(pid)
    t * 1.0e6 / n
  end

  def spawns(n) do
    :erlang.garbage_collect()
    before = :erlang.memory(:processes)
    {t, pids} = ms(fn -> for i <- 1..n, do: elem(GenServer.start(Idle, i), 1) end)
    bytes = (:erlang.memory(:processes) - before) / n
    Enum.each(pids, &Process.exit(&1, :kill))
    {t * 1_000_000 / n, bytes}
  end

  # Deadlines spread over 1 s of real time (the BEAM cannot skip time); the fire cost is
  # the CPU time the VM spent while they fired, not the wall time spent waiting.
  def timers(n) do
    parent = self()
    pid = spawn(fn ->
      receive do :go -> :ok end
      {set_t, _} = ms(fn -> for i <- 1..n, do: Process.send_after(self(), :t, 1 + rem(i * 7919, 1000)) end)
      {cpu0, _} = :erlang.statistics(:runtime)
      for _ <- 1..n, do: (receive do :t -> :ok end)
      {cpu1, _} = :erlang.statistics(:runtime)
      send(parent, {:done, set_t, cpu1 - cpu0})
    end)
    send(pid, :go)
    receive do {:done, set_t, fire_cpu} -> {set_t, fire_cpu} end
  end

  def median(xs), do: xs |> Enum.sort() |> Enum.at(div(length(xs), 2))

  def run do
    runs = String.to_integer(System.get_env("BENCH_RUNS") || "5")
    scale = String.to_float(System.get_env("BENCH_SCALE") || "1.0")
    sized = fn n -> max(trunc(n * scale), 1) end
    only = System.get_env("BENCH_ONLY") || ""
    want = fn name -> only == "" or name in String.split(only, ",") end
    out = fn name, value, unit -> IO.puts("BENCH #{name} #{:erlang.float_to_binary(value * 1.0, decimals: 1)} #{unit}") end
    if want.("cast"), do: out.("cast", median(for _ <- 1..runs, do: cast(sized.(1_000_000))), "ns/msg")
    if want.("call"), do: out.("call", median(for _ <- 1..runs, do: call(sized.(200_000))), "ns/call")
    if want.("spawn") do
      spawns = for _ <- 1..min(runs, 3), do: spawns(sized.(1_000_000))
      out.("spawn_1m", median(Enum.map(spawns, &elem(&1, 0))), "ms/1M")
      out.("spawn_bytes", median(Enum.map(spawns, &elem(&1, 1))), "bytes/proc")
      timers = for _ <- 1..runs, do: timers(sized.(100_000))
      out.("timers_set", median(Enum.map(timers, &elem(&1, 0))), "ms/100k")
      out.("timers_fire", median(Enum.map(timers, &elem(&1, 1))), "ms/100k")
    end
  end
end

Bench.run()
