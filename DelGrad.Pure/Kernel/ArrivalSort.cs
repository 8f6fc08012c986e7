namespace DelGrad.Kernel;

/// <summary>
/// Sorts arrival times with their input indices. Layers here are narrow (tens of inputs), where an
/// insertion sort beats the general introsort; wide layers fall back to it.
/// </summary>
internal static class ArrivalSort
{
    private const int InsertionLimit = 40;

    public static void Sort(Span<double> keys, Span<int> items)
    {
        if (keys.Length > InsertionLimit)
        {
            keys.Sort(items);
            return;
        }

        for (int x = 1; x < keys.Length; x++)
        {
            double key = keys[x];
            int item = items[x];
            int y = x - 1;
            while (y >= 0 && keys[y] > key)
            {
                keys[y + 1] = keys[y];
                items[y + 1] = items[y];
                y--;
            }

            keys[y + 1] = key;
            items[y + 1] = item;
        }
    }
}
