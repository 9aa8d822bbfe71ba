// #region checkout
public record Checkout() {}
// #endregion checkout
