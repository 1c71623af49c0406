extension Double {
    /// These points as whole ones, for the runner's result model, which counts only whole points;
    /// zero for a value no whole number of points can hold.
    var wholePoints: Int {
        isFinite && abs(self) < Double(Int32.max) ? Int(rounded()) : 0
    }
}
