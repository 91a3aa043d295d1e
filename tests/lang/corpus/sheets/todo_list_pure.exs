defmodule TodoList do
  defstruct next_id: 1, entries: %{}

  def new(entries \\ []) do
    Enum.reduce(entries, %TodoList{}, &add_entry(&2, &1))
  end

  def add_entry(todo_list, entry) do
    entry = Map.put(entry, :id, todo_list.next_id)
    new_entries = Map.put(todo_list.entries, todo_list.next_id, entry)
    %TodoList{todo_list | entries: new_entries, next_id: todo_list.next_id + 1}
  end

  def entries(todo_list, date) do
    todo_list.entries
    |> Map.values()
    |> Enum.filter(fn entry -> entry.date == date end)
  end

  def update_entry(todo_list, entry_id, updater_fun) do
    case Map.fetch(todo_list.entries, entry_id) do
      :error -> todo_list
      {:ok, old_entry} ->
        new_entry = updater_fun.(old_entry)
        %TodoList{todo_list | entries: Map.put(todo_list.entries, new_entry.id, new_entry)}
    end
  end

  def delete_entry(todo_list, entry_id) do
    %TodoList{todo_list | entries: Map.delete(todo_list.entries, entry_id)}
  end
end

list =
  TodoList.new([
    %{date: ~D[2023-12-19], title: "Dentist"},
    %{date: ~D[2023-12-20], title: "Shopping"},
    %{date: ~D[2023-12-19], title: "Movies"}
  ])
IO.inspect(TodoList.entries(list, ~D[2023-12-19]))
list = TodoList.update_entry(list, 1, &Map.put(&1, :date, ~D[2023-12-20]))
IO.inspect(TodoList.entries(list, ~D[2023-12-20]) |> Enum.map(& &1.title))
list = TodoList.delete_entry(list, 2)
IO.inspect(list)
