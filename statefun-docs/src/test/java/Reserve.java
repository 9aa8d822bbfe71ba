// #region reserve
public record Reserve(int quantity) {}
// #endregion reserve
