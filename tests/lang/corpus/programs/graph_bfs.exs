defmodule Graph do
  def bfs(graph, start) do
    bfs(graph, :queue.from_list([start]), MapSet.new([start]), [])
  end
  defp bfs(graph, queue, seen, acc) do
    case :queue.out(queue) do
      {:empty, _} -> Enum.reverse(acc)
      {{:value, node}, rest} ->
        next = Map.get(graph, node, []) |> Enum.reject(&MapSet.member?(seen, &1))
        seen = Enum.reduce(next, seen, &MapSet.put(&2, &1))
        queue = Enum.reduce(next, rest, &:queue.in/2)
        bfs(graph, queue, seen, [node | acc])
    end
  end
end
g = %{a: [:b, :c], b: [:d], c: [:d, :e], d: [:f], e: [:f], f: []}
IO.inspect(Graph.bfs(g, :a))
IO.inspect(Graph.bfs(g, :e))
